namespace Ariadne.Web.Features.Statistics;

/// <summary>Settings of the statistics (section <c>Statistics</c>).</summary>
public sealed class StatisticsOptions
{
    public const string Section = "Statistics";

    /// <summary>Whether this node rebuilds the facts nightly.</summary>
    public bool RefreshJob { get; set; } = true;
}
