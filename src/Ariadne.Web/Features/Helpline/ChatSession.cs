using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// One anonymous web chat with the helpline (<c>/chat</c>), for people who cannot call. The visitor has no account: a 256-bit
/// random token, kept here only as its SHA-256 (<see cref="TokenHash"/>), proves the chat is theirs. Messages are sealed under
/// the session's own data key; without the visitor's consent they are deleted and the key destroyed when the chat ends.
/// </summary>
public sealed class ChatSession
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid InstitutionId { get; set; }
    /// <summary>SHA-256 of the visitor's token (hex); the token itself is never stored.</summary>
    [NotPersonal] public string TokenHash { get; set; } = "";
    /// <summary>The visitor's language (az, ru, en).</summary>
    [NotPersonal] public string Language { get; set; } = "az";
    [NotPersonal] public DateTimeOffset StartedAt { get; set; }
    [NotPersonal] public DateTimeOffset? TakenAt { get; set; }
    [NotPersonal] public Guid? TakenBy { get; set; }
    [NotPersonal] public DateTimeOffset? EndedAt { get; set; }
    /// <summary>The helpline contact opened when an operator took the chat.</summary>
    [NotPersonal] public Guid? ContactId { get; set; }
    /// <summary>The visitor agreed that the helpline keeps the transcript.</summary>
    [NotPersonal] public bool ConsentToKeep { get; set; }
    [NotPersonal] public Guid DataKeyId { get; set; }
    /// <summary>The visitor's last sign of life (a message, a read): a chat quiet for 30 minutes is ended.</summary>
    [NotPersonal] public DateTimeOffset LastVisitorSeenAt { get; set; }
    /// <summary>The last message's number, for numbering the next one.</summary>
    [NotPersonal] public int LastSeq { get; set; }
}
