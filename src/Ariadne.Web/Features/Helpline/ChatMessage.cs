using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Helpline;

/// <summary>One message of a web chat, sealed under the session's data key; numbered 1..n within its session.</summary>
public sealed class ChatMessage
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid SessionId { get; set; }
    [NotPersonal] public int Seq { get; set; }
    [NotPersonal] public bool FromVisitor { get; set; }
    [NotPersonal] public DateTimeOffset SentAt { get; set; }
    /// <summary>What was written, contact details removed (<see cref="ChatScrubber"/>), sealed.</summary>
    [DataClass(DataClass.Care)] public byte[]? TextEnc { get; set; }
    /// <summary>The sender's own id of the message, so that a retried send stores it once (unique per session).</summary>
    [NotPersonal] public string ClientMessageId { get; set; } = "";
}
