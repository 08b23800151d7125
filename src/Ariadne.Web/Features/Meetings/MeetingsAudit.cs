using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

namespace Ariadne.Web.Features.Meetings;

/// <summary>The meetings' audit vocabulary and the notices they send.</summary>
public static class MeetingsAudit
{
    public static readonly AuditAction Created = new("meeting.created");
    public static readonly AuditAction Rescheduled = new("meeting.rescheduled");
    public static readonly AuditAction AgendaAdded = new("meeting.agenda-added");
    public static readonly AuditAction AttendanceRecorded = new("meeting.attendance-recorded");
    public static readonly AuditAction MinutesSaved = new("meeting.minutes-saved");
    public static readonly AuditAction MinutesApproved = new("meeting.minutes-approved");
    public static readonly AuditAction DecisionRecorded = new("meeting.decision-recorded");
    public static readonly AuditAction ActionAdded = new("meeting.action-added");
    public static readonly AuditAction ActionStatusChanged = new("meeting.action-status-changed");
    public static readonly AuditAction CalendarDownloaded = new("meeting.calendar-downloaded");
    public static readonly AuditAction Reminded = new("meeting.action-reminded");
    public static readonly AuditAction Escalated = new("meeting.action-escalated");
    public static readonly AuditAction Denied = new("meeting.denied");

    public static IReadOnlyList<AuditAction> All { get; } =
        [Created, Rescheduled, AgendaAdded, AttendanceRecorded, MinutesSaved, MinutesApproved, DecisionRecorded, ActionAdded, ActionStatusChanged,
            CalendarDownloaded, Reminded, Escalated, Denied];

    public static readonly AuditTarget Meeting = new("meeting");
    public static readonly AuditTarget ActionItemTarget = new("meeting-action-item");

    public static readonly NotificationKind InvitedNotice = new("meeting-invited");
    public static readonly NotificationKind RescheduledNotice = new("meeting-rescheduled");
    public static readonly NotificationKind ActionAssignedNotice = new("meeting-action-assigned");
    public static readonly NotificationKind ReminderNotice = new("meeting-action-due");
    public static readonly NotificationKind EscalationNotice = new("meeting-action-overdue");
    public static readonly NotificationKind EscalationOfficeNotice = new("meeting-action-overdue-office");
}
