namespace Ariadne.Web.Features.Reintegration;

public enum WitnessMeasureStatus
{
    Requested = 1,
    InPlace = 2,
    Ended = 3,
}
