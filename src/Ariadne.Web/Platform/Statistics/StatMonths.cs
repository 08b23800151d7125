using Ariadne.Web.Platform.Ui;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Statistics;

/// <summary>The month a moment falls in, in the deployment's time zone (a referral at 23:30 on 31 January in Baku is January's).</summary>
public sealed class StatMonths(IOptions<UiOptions> ui)
{
    private readonly TimeZoneInfo _zone = UiTime.Resolve(ui.Value.TimeZone);

    public DateOnly Of(DateTimeOffset moment) => StatCodes.MonthOf(UiTime.DayIn(_zone, moment));
}
