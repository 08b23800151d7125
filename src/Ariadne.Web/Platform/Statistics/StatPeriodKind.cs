namespace Ariadne.Web.Platform.Statistics;

/// <summary>How a release's year runs: the calendar year (GRETA), or April to March (the US TIP report's reporting year).</summary>
public enum StatPeriodKind
{
    Calendar = 1,
    AprilMarch = 2,
}
