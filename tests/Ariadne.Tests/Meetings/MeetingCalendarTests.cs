using System.Text;
using Ariadne.Web.Features.Meetings;

namespace Ariadne.Tests.Meetings;

/// <summary>
/// The participant's iCalendar file (RFC 5545): text values escaped (backslash, semicolon, comma, newline), lines folded at 75
/// octets even inside multi-byte letters, CRLF line ends, UTC times, METHOD:REQUEST, a stable UID, SEQUENCE, and one ATTENDEE.
/// </summary>
public sealed class MeetingCalendarTests
{
    private static readonly Guid MeetingId = Guid.Parse("0190a6a4-0000-7000-8000-000000000001");

    private static MeetingCalendar.Invitation Invitation(string summary = "Quarterly meeting", string? location = "Baku", string? description = "Agenda",
        int sequence = 0, string? email = null) =>
        new(MeetingId + "@ariadne", new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 10, 10, 0, 0, TimeSpan.FromHours(4)),
            new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.FromHours(4)), sequence, summary, location, description, null, "National Coordinator",
            Guid.Parse("0190a6a4-0000-7000-8000-000000000002"), "Leyla Həsənova", email, Guid.Parse("0190a6a4-0000-7000-8000-000000000003"));

    /// <summary>The content lines, unfolded (a CRLF followed by one space or tab joins the next line).</summary>
    private static List<string> Unfold(string ics) => [.. ics.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal)
        .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];

    private static string Value(string ics, string name) => Unfold(ics).Single(l => l.StartsWith(name + ":", StringComparison.Ordinal) || l.StartsWith(name + ";", StringComparison.Ordinal));

    [Fact]
    public void The_file_is_a_request_with_one_event_in_utc_a_stable_uid_and_only_the_participant_as_attendee()
    {
        var ics = MeetingCalendar.Write(Invitation(sequence: 2));
        var lines = Unfold(ics);
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains("METHOD:REQUEST", lines);
        Assert.Single(lines, l => l == "BEGIN:VEVENT");
        Assert.Contains("UID:" + MeetingId + "@ariadne", lines);
        Assert.Contains("DTSTART:20261210T060000Z", lines); // 10:00 in Baku is 06:00 UTC
        Assert.Contains("DTEND:20261210T080000Z", lines);
        Assert.Contains("DTSTAMP:20261201T080000Z", lines);
        Assert.Contains("SEQUENCE:2", lines);
        var attendee = Assert.Single(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal));
        Assert.Contains("CN=Leyla Həsənova", attendee, StringComparison.Ordinal);
        Assert.EndsWith("urn:uuid:0190a6a4-0000-7000-8000-000000000003", attendee, StringComparison.Ordinal);
        Assert.StartsWith("ORGANIZER", Value(ics, "ORGANIZER"), StringComparison.Ordinal);
        // Every line ends in CRLF; no bare LF.
        Assert.DoesNotContain("\n", ics.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // The same meeting gives the same UID every time.
        Assert.Equal(Value(ics, "UID"), Value(MeetingCalendar.Write(Invitation(summary: "Other")), "UID"));
    }

    [Fact]
    public void Text_values_escape_backslashes_semicolons_commas_and_newlines()
    {
        var ics = MeetingCalendar.Write(Invitation(summary: @"Shelters; beds, rooms \ plans", location: "Baku, room 3; floor 2",
            description: "1. Beds\n2. Rooms, children; \\ end"));
        Assert.Equal(@"SUMMARY:Shelters\; beds\, rooms \\ plans", Value(ics, "SUMMARY"));
        Assert.Equal(@"LOCATION:Baku\, room 3\; floor 2", Value(ics, "LOCATION"));
        Assert.Equal(@"DESCRIPTION:1. Beds\n2. Rooms\, children\; \\ end", Value(ics, "DESCRIPTION"));
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_letter()
    {
        var summary = string.Concat(Enumerable.Repeat("Əlaqələndirmə görüşü — координационное совещание; ", 6));
        var ics = MeetingCalendar.Write(Invitation(summary: summary, email: "leyla@example.org"));
        foreach (var line in ics.Split("\r\n"))
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}");
        // Folding never cut a UTF-8 sequence: the file round-trips as valid UTF-8, and unfolded it gives the text back.
        var bytes = Encoding.UTF8.GetBytes(ics);
        Assert.Equal(ics, new UTF8Encoding(false, true).GetString(bytes));
        Assert.Equal("SUMMARY:" + summary.Replace(";", @"\;", StringComparison.Ordinal), Value(ics, "SUMMARY"));
        Assert.EndsWith("mailto:leyla@example.org", Value(ics, "ATTENDEE"), StringComparison.Ordinal);
    }
}
