using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// An action item agreed at a meeting: what, owned by an institution (optionally a named person in it), due by a day. The
/// owner marks it done with a note; the Coordinator may cancel it. The reminder before the due day and the escalation once
/// it is overdue are each sent once: <see cref="RemindedAt"/> and <see cref="EscalatedAt"/> record that they were.
/// </summary>
public sealed class ActionItem
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid MeetingId { get; set; }
    /// <summary>Its number within the meeting: M-2026-004/2.</summary>
    [NotPersonal] public int Number { get; set; }
    [NotPersonal] public string Title { get; set; } = "";
    [NotPersonal] public Guid OwnerInstitutionId { get; set; }
    [NotPersonal] public Guid? OwnerUserId { get; set; }
    [NotPersonal] public DateOnly DueOn { get; set; }
    [NotPersonal] public ActionItemStatus Status { get; set; } = ActionItemStatus.Open;
    [NotPersonal] public string? CompletionNote { get; set; }
    [NotPersonal] public Guid? ClosedBy { get; set; }
    [NotPersonal] public DateTimeOffset? ClosedAt { get; set; }
    [NotPersonal] public DateTimeOffset? RemindedAt { get; set; }
    [NotPersonal] public DateTimeOffset? EscalatedAt { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>+1 at every change: a change made meanwhile refuses a second one.</summary>
    [NotPersonal] public int Version { get; set; } = 1;
}
