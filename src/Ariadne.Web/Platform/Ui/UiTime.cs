using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// Times as staff read them: in the one configured zone (<c>Ui:TimeZone</c>, Baku by default) with its
/// offset written out, and deadlines also as relative time ("in 12 min", "overdue by 3 h"). Stored
/// times stay UTC; only the page converts.
/// </summary>
public sealed class UiTime(IOptions<UiOptions> options, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    private readonly TimeZoneInfo _zone = Resolve(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Finds the zone; Baku, which keeps UTC+4 all year since 2016, is built in where the system has no zone data.</summary>
    public static TimeZoneInfo Resolve(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException) when (id == "Asia/Baku")
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(4), "Baku", "Baku");
        }
    }

    public DateTimeOffset Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, _zone);

    /// <summary>
    /// The calendar day of the moment in the deployment's zone: the day staff read on the wall and write in forms.
    /// From 20:00 UTC Baku is already a day ahead of UTC, so "today" for a date someone enters is this, not the UTC day.
    /// </summary>
    public DateOnly DayOf(DateTimeOffset moment) => DayIn(_zone, moment);

    /// <summary>
    /// The calendar day of the moment in the zone: the one conversion from an instant to a day staff see, for the code
    /// that holds the zone itself (<see cref="DayOf"/> is this in the configured zone).
    /// </summary>
    public static DateOnly DayIn(TimeZoneInfo zone, DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, zone).DateTime);

    /// <summary>Today in the deployment's zone (see <see cref="DayOf"/>); dates entered or shown to staff are compared with this.</summary>
    public DateOnly Today => DayOf(Now);

    /// <summary>"02.12.2026 20:15 (UTC+04:00)", or in English "2 Dec 2026, 20:15 (UTC+04:00)".</summary>
    public string Format(DateTimeOffset moment, bool withTime = true)
    {
        var local = Local(moment);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var date = FormatDay(DateOnly.FromDateTime(local.DateTime));
        if (!withTime)
            return date;
        return $"{date}{(english ? "," : "")} {local:HH:mm} ({Offset(local.Offset)})";
    }

    /// <summary>A calendar day as the page's language writes it: "27.03.2007" (az, ru) or "27 Mar 2007" (en).</summary>
    public static string FormatDay(DateOnly day) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
            ? day.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
            : day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string Offset(TimeSpan offset) =>
        "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>"in 12 min", "overdue by 3 h" (for a deadline), "5 d ago" (for a past event).</summary>
    public string Relative(DateTimeOffset moment, bool deadline)
    {
        var delta = moment - Now;
        var amount = Amount(delta.Duration());
        if (delta >= TimeSpan.Zero)
            return text["Time_In", amount];
        return deadline ? text["Time_OverdueBy", amount] : text["Time_Ago", amount];
    }

    private string Amount(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => text["Time_LessThanMinute"],
        { TotalHours: < 1 } => text["Time_Minutes", (int)span.TotalMinutes],
        { TotalDays: < 2 } => text["Time_Hours", (int)span.TotalHours],
        _ => text["Time_Days", (int)span.TotalDays],
    };
}
