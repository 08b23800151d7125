using System.Security.Cryptography;
using System.Text;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The anonymous web chat (<c>/chat</c>) for people who cannot call. The visitor has no account: the chat is theirs by a
/// 256-bit random token, stored only as its SHA-256. What the visitor writes is scrubbed of contact details
/// (<see cref="ChatScrubber"/>) and sealed under the session's own data key. Operators (the helpline institution's staff
/// only; anyone else is refused and the refusal audited) take a waiting chat, which opens a <see cref="HelplineContact"/>.
/// When the chat ends — by either side, or after 30 minutes without a sign of the visitor — the transcript is kept (sealed,
/// the contact marked) only with the visitor's consent; otherwise its messages are deleted and the session's key destroyed.
/// A visitor's messages are not audited one by one; the session's start and end, an operator's take, replies and transcript reads are.
/// </summary>
public sealed class ChatService(
    AriadneDbContext db, AuditedWrites writes, DataKeys dataKeys, TimeProvider time, ContactService contacts, IHelplineCover cover,
    HelplineSignal signal, ChatSignal chatSignal, IStringLocalizer<SharedResource> text)
{
    public const int MaxText = 2000;
    public const int MaxClientMessageId = 64;
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    public sealed record Started(Guid SessionId, string Token, bool OutOfHours);

    public sealed record MessageView(int Seq, bool FromVisitor, DateTimeOffset SentAt, string Text);

    /// <summary>What the visitor sees: new messages and the chat's state (no operator's name, nothing about the helpline's staff).</summary>
    public sealed record VisitorView(IReadOnlyList<MessageView> Messages, bool Taken, bool Ended, bool OutOfHours);

    /// <summary>A chat as the operator sees it: its state and the messages after the cursor.</summary>
    public sealed record OperatorView(Guid Id, string Language, DateTimeOffset StartedAt, bool Taken, bool Ended, Guid? ContactId, string? ContactNumber,
        IReadOnlyList<MessageView> Messages);

    /// <summary>A waiting chat in the queue: language and how long it has waited, nothing else.</summary>
    public sealed record QueueRow(Guid Id, string Language, DateTimeOffset StartedAt, int WaitingMinutes);

    public enum SendStatus { Sent, Invalid, NotFound, Ended }

    public sealed record SendResult(SendStatus Status, int? Seq = null, string? Error = null);

    /// <summary>A new token: 256 random bits, base64url.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a token: SHA-256, hex.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsStaff(IReadOnlyCollection<string> roles) => HelplineRoles.IsStaff(roles);

    /// <summary>Whether the helpline is out of hours now (the page says so and gives the escalation route).</summary>
    public Task<bool> OutOfHoursAsync(Guid institutionId, CancellationToken ct = default) => cover.IsOutOfHoursAsync(institutionId, ct);

    // ---------------------------------------------------------------- the visitor

    /// <summary>Starts a chat for the helpline institution, without an account. Null when there is no helpline to talk to.</summary>
    public async Task<Started?> StartAsync(string? language, CancellationToken ct = default)
    {
        if (await contacts.HelplineInstitutionAsync(ct) is not { } institutionId)
            return null;
        var lang = LocalizationServices.IsSupported(language) ? language! : LocalizationServices.DefaultCulture;
        var token = NewToken();
        var session = await writes.RunAsync<ChatSession>(null, async ct =>
        {
            var now = time.GetUtcNow();
            var (key, clear) = dataKeys.Create();
            CryptographicOperations.ZeroMemory(clear);
            var session = new ChatSession
            {
                InstitutionId = institutionId,
                TokenHash = Hash(token),
                Language = lang,
                StartedAt = now,
                LastVisitorSeenAt = now,
                DataKeyId = key.Id,
            };
            db.ChatSessions.Add(session);
            await db.SaveChangesAsync(ct);
            return new Audited<ChatSession>(session, new AuditRecord(ChatAudit.Started, ActorInstitutionId: institutionId, TargetType: ChatAudit.Session,
                TargetId: session.Id, Purpose: ChatAudit.Chat));
        }, ct);
        signal.Pulse(institutionId);
        return new Started(session.Id, token, await cover.IsOutOfHoursAsync(institutionId, ct));
    }

    private async Task<ChatSession?> ByTokenAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
            return null;
        var hash = Hash(token);
        return await db.ChatSessions.FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
    }

    /// <summary>The visitor's message: checked, scrubbed of contact details, sealed and numbered. A retry with the same client id stores nothing new.</summary>
    public async Task<SendResult> SendAsync(string? token, string? clientMessageId, string? message, bool? keep = null, CancellationToken ct = default)
    {
        var error = Validate(clientMessageId, message);
        var session = await ByTokenAsync(token, ct);
        if (session is null)
            return new SendResult(SendStatus.NotFound);
        if (error is not null)
            return new SendResult(SendStatus.Invalid, Error: error);
        if (session.EndedAt is not null)
            return new SendResult(SendStatus.Ended, Error: text["Chat_Ended"]);
        var result = await AddAsync(session, true, clientMessageId!, ChatScrubber.Scrub(message!.Trim()), keep, ct);
        chatSignal.Pulse(session.Id);
        return result;
    }

    private string? Validate(string? clientMessageId, string? message)
    {
        if (string.IsNullOrEmpty(clientMessageId) || clientMessageId.Length > MaxClientMessageId
            || !clientMessageId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return text["Chat_BadMessageId"];
        var clean = message?.Trim() ?? "";
        if (clean.Length == 0)
            return text["Chat_TextRequired"];
        if (clean.Length > MaxText)
            return text["Chat_TextTooLong", MaxText];
        return null;
    }

    /// <summary>Adds a message with the session's next number; two sends at once retry on the session's concurrency token.</summary>
    private async Task<SendResult> AddAsync(ChatSession session, bool fromVisitor, string clientMessageId, string clear, bool? keep, CancellationToken ct)
    {
        var key = await dataKeys.UnwrapAsync(session.DataKeyId, ct);
        if (key is null)
        {
            // The chat ended (and its key was shredded) between reading the session and sending: the chat-ended answer.
            var ended = await db.ChatSessions.AsNoTracking().Where(s => s.Id == session.Id).Select(s => s.EndedAt != null).FirstOrDefaultAsync(ct);
            return ended
                ? new SendResult(SendStatus.Ended, Error: text["Chat_Ended"])
                : throw new InvalidOperationException("The chat's key is gone while the chat is open.");
        }
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var known = await db.ChatMessages.AsNoTracking().Where(m => m.SessionId == session.Id && m.ClientMessageId == clientMessageId)
                    .Select(m => (int?)m.Seq).FirstOrDefaultAsync(ct);
                if (known is { } seq)
                    return new SendResult(SendStatus.Sent, seq);
                var now = time.GetUtcNow();
                session.LastSeq++;
                if (fromVisitor)
                {
                    session.LastVisitorSeenAt = now;
                    if (keep is { } consent)
                        session.ConsentToKeep = consent;
                }
                var row = new ChatMessage { SessionId = session.Id, Seq = session.LastSeq, FromVisitor = fromVisitor, SentAt = now, ClientMessageId = clientMessageId };
                row.TextEnc = db.Seal(row, m => m.TextEnc, clear, key, session.DataKeyId);
                db.ChatMessages.Add(row);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return new SendResult(SendStatus.Sent, row.Seq);
                }
                catch (DbUpdateException) when (attempt < 20)
                {
                    // Another send took the number (or the same message was retried at once): read the session again and retry.
                    db.ChangeTracker.Clear();
                    session = await db.ChatSessions.FirstAsync(s => s.Id == session.Id, ct);
                    if (session.EndedAt is not null)
                        return new SendResult(SendStatus.Ended, Error: text["Chat_Ended"]);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The visitor's view after message <paramref name="afterSeq"/>; null for an unknown token.</summary>
    public async Task<VisitorView?> ReadAsync(string? token, int afterSeq, CancellationToken ct = default)
    {
        var session = await ByTokenAsync(token, ct);
        if (session is null)
            return null;
        var now = time.GetUtcNow();
        if (session.EndedAt is null && now - session.LastVisitorSeenAt >= SeenResolution)
        {
            // Not through the tracked session: the chat's end (a concurrency token) may come meanwhile, and a read is not refused for it.
            await db.ChatSessions.Where(s => s.Id == session.Id && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastVisitorSeenAt, now), ct);
            session.LastVisitorSeenAt = now;
        }
        var messages = session.EndedAt is null || session.ConsentToKeep ? await MessagesAsync(session, afterSeq, ct) : [];
        return new VisitorView(messages, session.TakenAt is not null, session.EndedAt is not null,
            session.EndedAt is null && await cover.IsOutOfHoursAsync(session.InstitutionId, ct));
    }

    /// <summary>The visitor ends the chat; <paramref name="keepTranscript"/> is their consent to the helpline keeping it.</summary>
    public async Task<bool> EndAsync(string? token, bool keepTranscript, CancellationToken ct = default)
    {
        var session = await ByTokenAsync(token, ct);
        if (session is null)
            return false;
        if (session.EndedAt is null)
            await FinishAsync(null, session.Id, keepTranscript, ct);
        return true;
    }

    /// <summary>The session's state for the visitor's live stream: the last message's number and whether it ended. Null for an unknown token.</summary>
    public async Task<(Guid Id, int LastSeq, bool Taken, bool Ended)?> StateAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
            return null;
        var hash = Hash(token);
        var row = await db.ChatSessions.AsNoTracking().Where(s => s.TokenHash == hash)
            .Select(s => new { s.Id, s.LastSeq, Taken = s.TakenAt != null, Ended = s.EndedAt != null }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Id, row.LastSeq, row.Taken, row.Ended);
    }

    private async Task<IReadOnlyList<MessageView>> MessagesAsync(ChatSession session, int afterSeq, CancellationToken ct)
    {
        var rows = await db.ChatMessages.AsNoTracking().Where(m => m.SessionId == session.Id && m.Seq > afterSeq).OrderBy(m => m.Seq).Take(500).ToListAsync(ct);
        if (rows.Count == 0)
            return [];
        var key = await dataKeys.UnwrapAsync(session.DataKeyId, ct);
        if (key is null)
            return [];
        try
        {
            return [.. rows.Select(m => new MessageView(m.Seq, m.FromVisitor, m.SentAt, db.Open(m, x => x.TextEnc, key, session.DataKeyId) ?? ""))];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    // ---------------------------------------------------------------- the end, for both sides

    /// <summary>
    /// Ends the chat: with consent the transcript stays sealed and the contact is marked; without, the messages are deleted and
    /// the session's key destroyed, in the same transaction as the audit event.
    /// </summary>
    private async Task<bool> FinishAsync(Viewer? viewer, Guid sessionId, bool? keep, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await FinishOnceAsync(viewer, sessionId, keep, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 10)
            {
                // A message was stored (or the chat ended) between reading the chat and ending it: read it again and end it then.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<bool> FinishOnceAsync(Viewer? viewer, Guid sessionId, bool? keep, CancellationToken ct)
    {
        Guid? helpline = null;
        var ended = await writes.RunAsync(viewer, async ct =>
        {
            var session = await db.ChatSessions.FirstAsync(s => s.Id == sessionId, ct);
            helpline = session.InstitutionId;
            if (session.EndedAt is not null)
                return new Audited<bool>(false, new AuditRecord(ChatAudit.Ended, AuditOutcome.Denied, ActorInstitutionId: session.InstitutionId,
                    TargetType: ChatAudit.Session, TargetId: sessionId, Purpose: ChatAudit.Chat));
            var now = time.GetUtcNow();
            if (keep is { } consent)
                session.ConsentToKeep = consent;
            session.EndedAt = now;
            await db.SaveChangesAsync(ct);
            if (session.ConsentToKeep)
            {
                if (session.ContactId is { } contactId)
                    await db.HelplineContacts.Where(c => c.Id == contactId)
                        .ExecuteUpdateAsync(u => u.SetProperty(c => c.TranscriptKept, true).SetProperty(c => c.UpdatedAt, now), ct);
            }
            else
            {
                await db.ChatMessages.Where(m => m.SessionId == sessionId).ExecuteDeleteAsync(ct);
                await dataKeys.DestroyAsync(session.DataKeyId, ct);
            }
            return new Audited<bool>(true, new AuditRecord(ChatAudit.Ended, ActorInstitutionId: session.InstitutionId, TargetType: ChatAudit.Session,
                TargetId: sessionId, Purpose: ChatAudit.Chat));
        }, ct);
        if (helpline is { } institutionId)
            signal.Pulse(institutionId);
        chatSignal.Pulse(sessionId);
        return ended;
    }

    /// <summary>Ends the chats whose visitor has given no sign for 30 minutes, the same way as an end (consent as the visitor last said).</summary>
    public async Task<int> EndAbandonedAsync(CancellationToken ct = default)
    {
        var before = time.GetUtcNow() - Abandoned;
        var ids = await db.ChatSessions.AsNoTracking().Where(s => s.EndedAt == null && s.LastVisitorSeenAt < before).Select(s => s.Id).Take(100).ToListAsync(ct);
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            await FinishAsync(null, id, null, ct);
        }
        return ids.Count;
    }

    // ---------------------------------------------------------------- the operator

    private Task<bool> DenyAsync(Viewer viewer, AuditAction action, Guid? id, CancellationToken ct) =>
        writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(false, new AuditRecord(action, AuditOutcome.Denied, TargetType: ChatAudit.Session, TargetId: id,
            Purpose: ChatAudit.Chat))), ct);

    /// <summary>The viewer's helpline's chat, or null (another institution's, or none).</summary>
    private Task<ChatSession?> OwnAsync(Viewer viewer, Guid id, CancellationToken ct) =>
        db.ChatSessions.FirstOrDefaultAsync(s => s.Id == id && s.InstitutionId == viewer.InstitutionId, ct);

    /// <summary>The queue: the viewer's helpline's waiting chats, oldest first, with language and wait. Null (audited) for anyone but its staff.</summary>
    public async Task<IReadOnlyList<QueueRow>?> WaitingAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (!IsStaff(roles))
        {
            await DenyAsync(viewer, ChatAudit.QueueViewed, null, ct);
            return null;
        }
        await EndAbandonedAsync(ct);
        var now = time.GetUtcNow();
        var rows = await db.ChatSessions.AsNoTracking().Where(s => s.InstitutionId == viewer.InstitutionId && s.TakenAt == null && s.EndedAt == null)
            .OrderBy(s => s.StartedAt).Take(200).Select(s => new { s.Id, s.Language, s.StartedAt }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.StartedAt).Select(r => new QueueRow(r.Id, r.Language, r.StartedAt, (int)Math.Max(0, (now - r.StartedAt).TotalMinutes)))];
    }

    /// <summary>The chats the viewer took and that are still going (the console shows them after a reload).</summary>
    public async Task<IReadOnlyList<Guid>> MineAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default) =>
        !IsStaff(roles) ? [] : await db.ChatSessions.AsNoTracking()
            .Where(s => s.InstitutionId == viewer.InstitutionId && s.TakenBy == viewer.UserId && s.EndedAt == null)
            .OrderBy(s => s.TakenAt).Select(s => s.Id).ToListAsync(ct);

    /// <summary>For the operator's stream: the waiting count and, per chat the viewer took, the last message's number. Null for anyone but staff.</summary>
    public sealed record ConsoleState(int Waiting, IReadOnlyDictionary<Guid, (int LastSeq, bool Ended)> Mine);

    public async Task<ConsoleState?> ConsoleStateAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (!IsStaff(roles))
            return null;
        var waiting = await db.ChatSessions.CountAsync(s => s.InstitutionId == viewer.InstitutionId && s.TakenAt == null && s.EndedAt == null, ct);
        var mine = await db.ChatSessions.AsNoTracking().Where(s => s.InstitutionId == viewer.InstitutionId && s.TakenBy == viewer.UserId
                && (s.EndedAt == null || s.EndedAt > time.GetUtcNow().AddMinutes(-5)))
            .Select(s => new { s.Id, s.LastSeq, Ended = s.EndedAt != null }).ToListAsync(ct);
        return new ConsoleState(waiting, mine.ToDictionary(m => m.Id, m => (m.LastSeq, m.Ended)));
    }

    public sealed record LiveChat(Guid Id, bool Ended, IReadOnlyList<MessageView> Messages);

    /// <summary>
    /// For the console's live stream, in a few queries however many chats: each chat's messages after its cursor, of the
    /// viewer's helpline's chats only. The conversation as it happens, not a transcript read (that is audited on its own).
    /// </summary>
    public async Task<IReadOnlyList<LiveChat>> LiveAsync(Viewer viewer, IReadOnlyCollection<string> roles, IReadOnlyDictionary<Guid, int> cursors,
        CancellationToken ct = default)
    {
        if (!IsStaff(roles) || cursors.Count == 0)
            return [];
        var ids = cursors.Keys.ToList();
        var sessions = await db.ChatSessions.AsNoTracking().Where(s => ids.Contains(s.Id) && s.InstitutionId == viewer.InstitutionId)
            .Select(s => new { s.Id, s.DataKeyId, Ended = s.EndedAt != null }).ToListAsync(ct);
        var own = sessions.Select(s => s.Id).ToList();
        var from = cursors.Values.Min();
        var rows = (await db.ChatMessages.AsNoTracking().Where(m => own.Contains(m.SessionId) && m.Seq > from).ToListAsync(ct))
            .Where(m => m.Seq > cursors[m.SessionId]).ToLookup(m => m.SessionId);
        var keys = await dataKeys.UnwrapManyAsync(sessions.Where(s => rows.Contains(s.Id)).Select(s => s.DataKeyId), ct);
        try
        {
            return [.. sessions.Select(s => new LiveChat(s.Id, s.Ended, keys.TryGetValue(s.DataKeyId, out var key)
                ? [.. rows[s.Id].OrderBy(m => m.Seq).Select(m => new MessageView(m.Seq, m.FromVisitor, m.SentAt, db.Open(m, x => x.TextEnc, key, s.DataKeyId) ?? ""))]
                : []))];
        }
        finally
        {
            foreach (var key in keys.Values)
                CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Takes a waiting chat: it becomes the viewer's and a web-chat contact is opened for it (<see cref="ContactService.OpenAsync"/>).
    /// Null when the viewer may not (audited as denied) or when someone else took it first.
    /// </summary>
    public async Task<OperatorView?> TakeAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid sessionId, CancellationToken ct = default)
    {
        if (!IsStaff(roles) || await OwnAsync(viewer, sessionId, ct) is not { } session)
        {
            await DenyAsync(viewer, ChatAudit.Taken, sessionId, ct);
            return null;
        }
        var taken = await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var claimed = await db.ChatSessions.Where(s => s.Id == sessionId && s.TakenAt == null && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.TakenAt, now).SetProperty(s => s.TakenBy, viewer.UserId), ct);
            return new Audited<bool>(claimed == 1, new AuditRecord(ChatAudit.Taken, claimed == 1 ? AuditOutcome.Allowed : AuditOutcome.Denied,
                TargetType: ChatAudit.Session, TargetId: sessionId, Purpose: ChatAudit.Chat));
        }, ct);
        if (!taken)
            return null;
        var contact = await contacts.OpenAsync(viewer, roles, ContactChannel.WebChat, ct: ct)
            ?? throw new InvalidOperationException("The contact for a taken chat could not be opened.");
        await db.HelplineContacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Language, session.Language), ct);
        await db.ChatSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ContactId, contact.Id), ct);
        signal.Pulse(viewer.InstitutionId);
        chatSignal.Pulse(sessionId);
        db.ChangeTracker.Clear();
        return await ReadAsync(viewer, roles, sessionId, 0, ct: ct);
    }

    /// <summary>
    /// The chat and its messages after <paramref name="afterSeq"/>, for the helpline's staff. Reading the transcript from its start
    /// is audited; the live console's reads of new messages are part of the conversation and are not. Null (audited) for anyone else.
    /// </summary>
    public async Task<OperatorView?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid sessionId, int afterSeq, bool live = false,
        CancellationToken ct = default)
    {
        if (!IsStaff(roles) || await OwnAsync(viewer, sessionId, ct) is not { } session)
        {
            await DenyAsync(viewer, ChatAudit.TranscriptViewed, sessionId, ct);
            return null;
        }
        var messages = await MessagesAsync(session, afterSeq, ct);
        if (!live && afterSeq <= 0 && messages.Count > 0)
            await writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(true, new AuditRecord(ChatAudit.TranscriptViewed, TargetType: ChatAudit.Session,
                TargetId: sessionId, Purpose: ChatAudit.Chat))), ct);
        var number = session.ContactId is { } contactId ? await db.HelplineContacts.Where(c => c.Id == contactId).Select(c => c.Number).FirstOrDefaultAsync(ct) : null;
        return new OperatorView(session.Id, session.Language, session.StartedAt, session.TakenAt is not null, session.EndedAt is not null, session.ContactId, number, messages);
    }

    /// <summary>The operator's reply to a chat that was taken and is going on. Errors as text; NotFound (audited) when the viewer may not.</summary>
    public async Task<SendResult> ReplyAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid sessionId, string? clientMessageId, string? message, CancellationToken ct = default)
    {
        if (!IsStaff(roles) || await OwnAsync(viewer, sessionId, ct) is not { } session)
        {
            await DenyAsync(viewer, ChatAudit.Replied, sessionId, ct);
            return new SendResult(SendStatus.NotFound);
        }
        if (Validate(clientMessageId, message) is { } error)
            return new SendResult(SendStatus.Invalid, Error: error);
        if (session.EndedAt is not null)
            return new SendResult(SendStatus.Ended, Error: text["Chat_Ended"]);
        if (session.TakenAt is null)
            return new SendResult(SendStatus.Invalid, Error: text["Chat_NotTaken"]);
        var result = await writes.RunAsync(viewer, async ct =>
        {
            var sent = await AddAsync(session, false, clientMessageId!, message!.Trim(), null, ct);
            return new Audited<SendResult>(sent, new AuditRecord(ChatAudit.Replied, sent.Status == SendStatus.Sent ? AuditOutcome.Allowed : AuditOutcome.Denied,
                TargetType: ChatAudit.Session, TargetId: sessionId, Purpose: ChatAudit.Chat));
        }, ct);
        chatSignal.Pulse(sessionId);
        return result;
    }

    /// <summary>The operator ends the chat; the transcript is kept only if the visitor consented. False (audited) when the viewer may not.</summary>
    public async Task<bool> EndAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid sessionId, CancellationToken ct = default)
    {
        if (!IsStaff(roles) || await OwnAsync(viewer, sessionId, ct) is not { } session)
        {
            await DenyAsync(viewer, ChatAudit.Ended, sessionId, ct);
            return false;
        }
        if (session.EndedAt is not null)
            return true;
        db.ChangeTracker.Clear();
        // Ended meanwhile by the visitor, or by the other operator's click: ended all the same.
        return await FinishAsync(viewer, sessionId, null, ct)
            || await db.ChatSessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.EndedAt != null, ct);
    }
}
