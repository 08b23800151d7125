namespace Ariadne.Web.Platform.Statistics;

/// <summary>A published release: its tables, already protected (suppressed, perturbed) and approved.</summary>
public sealed record PublishedSet(Guid ReleaseId, string Number, StatPeriod Period, DateTimeOffset PublishedAt, IReadOnlyList<ReleasedTable> Tables);
