namespace Ariadne.Web.Platform.Statistics;

/// <summary>A release's period: a calendar year, or April of <see cref="Year"/> to March of the next.</summary>
public sealed record StatPeriod(StatPeriodKind Kind, int Year)
{
    /// <summary>The first month in the period.</summary>
    public DateOnly From => Kind == StatPeriodKind.Calendar ? new(Year, 1, 1) : new(Year, 4, 1);

    /// <summary>The first month after the period.</summary>
    public DateOnly Until => From.AddYears(1);

    public bool Contains(DateOnly month) => month >= From && month < Until;
}
