using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// What the case header shows, already cut to the viewer's rights: the name and age band only where they
/// may read the Identity class (null otherwise), the rest from the Status class. <see cref="Tab"/> is the
/// sub-navigation entry the page marks as current.
/// </summary>
public sealed record CaseHeader(
    Guid Id,
    string Number,
    string? Name,
    AgeBand? AgeBand,
    bool IsChild,
    CaseStatus? Status,
    TraffickingStatus? Identification,
    string? ResponsibleOfficer,
    int? ReflectionDaysLeft,
    CaseRights Rights,
    bool Erased)
{
    public CaseTab Tab { get; init; } = CaseTab.Overview;
}
