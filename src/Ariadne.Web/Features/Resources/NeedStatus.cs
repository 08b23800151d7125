namespace Ariadne.Web.Features.Resources;

/// <summary>
/// Where a need stands. Withdrawn is said by its institution; the rest follows from the flows answering it
/// (<see cref="ResourceLedger.StatusOf"/>): met when commitments (or disbursements) cover the amount, partly met when anything
/// is pledged, committed or disbursed, else open.
/// </summary>
public enum NeedStatus
{
    Open = 1,
    PartlyMet = 2,
    Met = 3,
    Withdrawn = 4,
}
