namespace Ariadne.Web.Features.Cases;

/// <summary>One case in a list of the API: what the list shows without opening the case.</summary>
public sealed record CaseSummary(Guid Id, string Number, CaseStatus Status, bool IsMinor, DateTimeOffset CreatedAt);
