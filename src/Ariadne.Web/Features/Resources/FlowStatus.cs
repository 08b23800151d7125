namespace Ariadne.Web.Features.Resources;

/// <summary>Whether a flow counts: a cancelled one stays on record and counts for nothing.</summary>
public enum FlowStatus
{
    Confirmed = 1,
    Cancelled = 2,
}
