namespace Ariadne.Web.Features.Reintegration;

/// <summary>Planned → documents ready → travelled → received; cancelled (with a reason) at any step before the person travels.</summary>
public enum RepatriationStatus
{
    Planned = 1,
    DocumentsReady = 2,
    Travelled = 3,
    Received = 4,
    Cancelled = 5,
}
