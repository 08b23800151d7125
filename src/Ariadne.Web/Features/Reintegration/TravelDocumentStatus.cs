namespace Ariadne.Web.Features.Reintegration;

public enum TravelDocumentStatus
{
    Needed = 1,
    Applied = 2,
    Issued = 3,
}
