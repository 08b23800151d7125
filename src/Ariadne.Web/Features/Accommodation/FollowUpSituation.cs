namespace Ariadne.Web.Features.Accommodation;

/// <summary>How the person is doing at a follow-up.</summary>
public enum FollowUpSituation
{
    Stable = 1,
    NeedsSupport = 2,
    AtRisk = 3,
}
