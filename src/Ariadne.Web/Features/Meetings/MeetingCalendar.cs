using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// One participant's iCalendar file of a meeting (RFC 5545, through Ical.Net, which escapes text values and folds lines at
/// 75 octets): METHOD:REQUEST, a VEVENT whose UID is the meeting's and stays the same, SEQUENCE raised at every reschedule,
/// times in UTC, and one ATTENDEE — the person downloading it. No other participant is named in the file.
/// </summary>
public static class MeetingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public sealed record Invitation(string Uid, DateTimeOffset Stamp, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Sequence, string Summary,
        string? Location, string? Description, string? Url, string OrganizerName, Guid OrganizerId, string AttendeeName, string? AttendeeEmail, Guid AttendeeId);

    public static string Write(Invitation e)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Ariadne//Meetings//EN", Method = "REQUEST" };
        var vevent = new CalendarEvent
        {
            Uid = e.Uid,
            DtStamp = Utc(e.Stamp),
            DtStart = Utc(e.StartsAt),
            DtEnd = Utc(e.EndsAt),
            Sequence = e.Sequence,
            Summary = e.Summary,
            Location = e.Location,
            Description = e.Description,
            Organizer = new Organizer("urn:uuid:" + e.OrganizerId.ToString("D")) { CommonName = e.OrganizerName },
        };
        if (e.Url is { } url)
            vevent.Url = new Uri(url);
        vevent.Attendees.Add(new Attendee(e.AttendeeEmail is { Length: > 0 } mail ? "mailto:" + mail : "urn:uuid:" + e.AttendeeId.ToString("D"))
        {
            CommonName = e.AttendeeName,
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = "NEEDS-ACTION",
        });
        calendar.Events.Add(vevent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Utc(DateTimeOffset moment) => new(moment.UtcDateTime, CalDateTime.UtcTzId);
}
