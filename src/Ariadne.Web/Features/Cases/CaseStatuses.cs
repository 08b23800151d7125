namespace Ariadne.Web.Features.Cases;

/// <summary>The closed statuses of a case (HTCDS cas_: Closed, Closed referred).</summary>
public static class CaseStatuses
{
    public static bool IsClosed(CaseStatus status) => status is CaseStatus.Closed or CaseStatus.ClosedReferred;
}
