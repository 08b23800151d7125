namespace Ariadne.Web.Platform.Statistics;

/// <summary>The published releases, for the annual report and the exchange formats: nothing else reads statistics from outside the statistics module.</summary>
public interface IPublishedStatistics
{
    /// <summary>The latest published release of the period, or null when none has been published.</summary>
    Task<PublishedSet?> LatestAsync(StatPeriod period, CancellationToken ct = default);
}
