using System.Globalization;
using Ariadne.Web.Platform.Ui;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// When and where, as a form takes it: a day and two clock times in the deployment's time (Baku), a place and an online
/// link. <see cref="Resolve"/> turns them into the moments the service stores in UTC, with a localized error beside each
/// part it cannot read.
/// </summary>
public sealed class MeetingWhen
{
    public DateOnly? Day { get; set; }
    /// <summary>"HH:mm", the deployment's time.</summary>
    public string? From { get; set; }
    public string? Until { get; set; }
    public string? Place { get; set; }
    public string? OnlineLink { get; set; }

    public static readonly string[] ClockFormats = ["HH:mm", "H:mm", "HH.mm", "H.mm"];

    public (DateTimeOffset? StartsAt, DateTimeOffset? EndsAt) Resolve(UiTime uiTime, IStringLocalizer text, Dictionary<string, string[]> errors)
    {
        if (Day is null)
            errors[nameof(Day)] = [text["Meeting_DayRequired"]];
        var from = Clock(From, nameof(From), "Meeting_StartRequired");
        var until = Clock(Until, nameof(Until), "Meeting_EndRequired");
        if (Day is not { } day)
            return (null, null);
        DateTimeOffset? At(TimeOnly? clock) => clock is { } c
            ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(c), DateTimeKind.Unspecified), uiTime.Zone), TimeSpan.Zero)
            : null;
        return (At(from), At(until));

        TimeOnly? Clock(string? value, string field, string requiredKey)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = [text[requiredKey]];
                return null;
            }
            if (TimeOnly.TryParseExact(value.Trim(), ClockFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                return t;
            errors[field] = [text["Meeting_ClockInvalid"]];
            return null;
        }
    }

    /// <summary>The form's field for a key of the service's errors.</summary>
    public static string FieldOf(string key) => key switch
    {
        nameof(CoordinationMeetings.MeetingInput.StartsAt) => nameof(From),
        nameof(CoordinationMeetings.MeetingInput.EndsAt) => nameof(Until),
        _ => key,
    };

    public static MeetingWhen Of(UiTime uiTime, DateTimeOffset startsAt, DateTimeOffset endsAt, string? place, string? link)
    {
        var start = uiTime.Local(startsAt);
        var end = uiTime.Local(endsAt);
        return new MeetingWhen
        {
            Day = DateOnly.FromDateTime(start.DateTime),
            From = start.ToString("HH:mm", CultureInfo.InvariantCulture),
            Until = end.ToString("HH:mm", CultureInfo.InvariantCulture),
            Place = place,
            OnlineLink = link,
        };
    }
}
