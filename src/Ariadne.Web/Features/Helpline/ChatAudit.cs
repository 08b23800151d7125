using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The web chat's audit vocabulary. A visitor's messages are not audited one by one (volume): the session's start and end are.</summary>
public static class ChatAudit
{
    public static readonly AuditAction Started = new("helpline.chat.started");
    public static readonly AuditAction Taken = new("helpline.chat.taken");
    public static readonly AuditAction Replied = new("helpline.chat.replied");
    public static readonly AuditAction Ended = new("helpline.chat.ended");
    public static readonly AuditAction QueueViewed = new("helpline.chat.queue.viewed");
    public static readonly AuditAction TranscriptViewed = new("helpline.chat.transcript.viewed");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [Started, Taken, Replied, Ended, QueueViewed, TranscriptViewed];

    public static readonly AuditPurpose Chat = new("helpline.chat");

    /// <summary>The kind of target the chat's events name.</summary>
    public static readonly AuditTarget Session = new("helpline-chat");
}
