namespace Ariadne.Web.Features.Cases;

/// <summary>
/// A case in the list as the viewer may see it: the name and age band only where they may read its Identity
/// class (null otherwise); the child tag from the flag or, where readable, the date of birth.
/// </summary>
public sealed record CaseListRow(Guid Id, string Number, CaseStatus Status, TraffickingStatus Identification, bool IsChild,
    string? Name, AgeBand? AgeBand, string Institution, DateTimeOffset LastActivity, long Recency);
