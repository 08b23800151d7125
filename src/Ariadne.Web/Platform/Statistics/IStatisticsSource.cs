namespace Ariadne.Web.Platform.Statistics;

/// <summary>
/// A module's figures for the statistics: the facts of its subjects and the tables over them. Registered as a scoped
/// service (<c>services.AddScoped&lt;IStatisticsSource, MySource&gt;()</c>); the statistics module rebuilds every source's
/// facts together and releases their tables through one pipeline (suppression, perturbation, approval, the register).
/// </summary>
public interface IStatisticsSource
{
    /// <summary>The subjects whose facts <see cref="FactsAsync"/> gives (the rebuild replaces exactly these).</summary>
    IReadOnlyList<StatSubject> Subjects { get; }

    IReadOnlyList<StatTable> Tables { get; }

    /// <summary>
    /// Every fact of the source's subjects as of now. <paramref name="keys"/> makes each fact's record key from a stable
    /// identity of the unit (e.g. "contact:" + id), so that the same unit keeps its key across rebuilds and releases.
    /// </summary>
    IAsyncEnumerable<StatFact> FactsAsync(StatRecordKeys keys, CancellationToken ct);
}
