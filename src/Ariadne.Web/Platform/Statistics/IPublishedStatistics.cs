namespace Ariadne.Web.Platform.Statistics;

/// <summary>A published release: its tables, already protected (suppressed, perturbed) and approved.</summary>
public sealed record PublishedSet(Guid ReleaseId, string Number, StatPeriod Period, DateTimeOffset PublishedAt, IReadOnlyList<ReleasedTable> Tables);

/// <summary>The published releases, for the annual report and the exchange formats: nothing else reads statistics from outside the statistics module.</summary>
public interface IPublishedStatistics
{
    /// <summary>The latest published release of the period, or null when none has been published.</summary>
    Task<PublishedSet?> LatestAsync(StatPeriod period, CancellationToken ct = default);
}
