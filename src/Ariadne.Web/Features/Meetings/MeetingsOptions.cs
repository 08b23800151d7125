using System.ComponentModel.DataAnnotations;

namespace Ariadne.Web.Features.Meetings;

/// <summary>The <c>Meetings</c> settings, bound and validated at start (<see cref="MeetingsModule"/>).</summary>
public sealed class MeetingsOptions
{
    public const string Section = "Meetings";

    /// <summary>How many days before an action item's due day its owner is reminded (default 3).</summary>
    [Range(1, 60)] public int ReminderDays { get; set; } = 3;

    /// <summary><c>Meetings:ReminderJob = false</c> turns the reminder and escalation job off on a node (tests run it themselves).</summary>
    public bool ReminderJob { get; set; } = true;
}
