using System.Security.Cryptography;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The helpline's contacts: opened by an operator (one keystroke), by the call webhook or by a chat; recorded, closed,
/// forwarded to the Squad through the referral flow by <see cref="ForwardingRules"/>. Deny by default: only the staff of the
/// helpline institution that holds a contact read or change it; anyone else is refused and the refusal is audited.
/// Every change and every read of what was said is audited in its own transaction.
/// </summary>
public sealed class ContactService(
    AriadneDbContext db, AuditedWrites writes, DataKeys dataKeys, BlindIndex index, TimeProvider time,
    IOptions<HelplineOptions> options, ReferralIntake referrals, HelplineSignal signal, IStringLocalizer<SharedResource> text)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public sealed record Row(Guid Id, string Number, ContactChannel Channel, ContactStatus Status, DateTimeOffset ReceivedAt, ContactCategory? Category,
        NonDataKind? NonData, string? Rule, DateTimeOffset? ForwardBy, DateTimeOffset? ForwardedAt, string? HeldReason, bool Repeat);

    public sealed record Detail(HelplineContact Contact, string? Summary, string? Whereabouts, string? OverrideReason, int EarlierContacts,
        IReadOnlyList<FlagView> Flags, string? ReferralNumber);

    public sealed record FlagView(Guid Id, CallerFlagKind Kind, string? Note, DateTimeOffset ExpiresAt);

    public enum ForwardOutcome { Forwarded, AlreadyForwarded, NothingToForward, NotAllowed, NoSquad }

    /// <summary>Staff of a helpline institution: the one rule for who works contacts.</summary>
    public static bool IsStaff(IReadOnlyCollection<string> roles) => HelplineRoles.IsStaff(roles);

    public static string NewNumber(DateTimeOffset now) =>
        $"HL-{now.UtcDateTime.Year}-{new string(RandomNumberGenerator.GetItems<char>(Alphabet, 6))}";

    /// <summary>
    /// Opens a contact for the viewer's helpline: the operator's "new contact" key, a chat taken, or a call the PBX announced
    /// (<paramref name="externalCallId"/>: the same call opens one contact however often the webhook repeats it).
    /// </summary>
    public async Task<HelplineContact?> OpenAsync(Viewer viewer, IReadOnlyCollection<string> roles, ContactChannel channel, string? callerNumber = null,
        string? externalCallId = null, bool waiting = false, CancellationToken ct = default)
    {
        if (!IsStaff(roles) || !Enum.IsDefined(channel))
        {
            await DenyAsync(viewer, HelplineAudit.ContactOpened, null, ct);
            return null;
        }
        if (externalCallId is not null
            && await db.HelplineContacts.AsNoTracking().FirstOrDefaultAsync(c => c.InstitutionId == viewer.InstitutionId && c.ExternalCallId == externalCallId, ct) is { } known)
            return known;
        try
        {
            return await writes.RunAsync(viewer, async ct =>
            {
                var now = time.GetUtcNow();
                var (key, clear) = dataKeys.Create();
                CryptographicOperations.ZeroMemory(clear);
                var contact = New(viewer, channel, callerNumber, externalCallId, waiting, key.Id, now);
                db.HelplineContacts.Add(contact);
                await db.SaveChangesAsync(ct);
                return new Audited<HelplineContact?>(contact, new AuditRecord(HelplineAudit.ContactOpened, TargetType: HelplineAudit.Contact, TargetId: contact.Id,
                    Purpose: externalCallId is null ? HelplineAudit.Answer : HelplineAudit.Telephony));
            }, ct);
        }
        catch (DbUpdateException) when (externalCallId is not null)
        {
            // The same call announced twice at once: the twin's contact stands.
            db.ChangeTracker.Clear();
            return await db.HelplineContacts.AsNoTracking().FirstAsync(c => c.InstitutionId == viewer.InstitutionId && c.ExternalCallId == externalCallId, ct);
        }
        finally
        {
            signal.Pulse(viewer.InstitutionId);
        }
    }

    /// <summary>A contact that carries no data (silent, hang-up, abusive, out of scope): logged closed, in one step, and counted.</summary>
    public async Task<HelplineContact?> LogNonDataAsync(Viewer viewer, IReadOnlyCollection<string> roles, NonDataKind kind, ContactChannel channel, CancellationToken ct = default)
    {
        if (!IsStaff(roles) || !Enum.IsDefined(kind) || !Enum.IsDefined(channel))
        {
            await DenyAsync(viewer, HelplineAudit.ContactSaved, null, ct);
            return null;
        }
        var contact = await OpenAsync(viewer, roles, channel, ct: ct);
        if (contact is null)
            return null;
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.HelplineContacts.FirstAsync(c => c.Id == contact.Id, ct);
            row.NonData = kind;
            row.ForwardingRule = ForwardingRules.NonData;
            row.Status = ContactStatus.Closed;
            row.ClosedAt = row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(HelplineAudit.ContactSaved, TargetType: HelplineAudit.Contact, TargetId: row.Id, Purpose: HelplineAudit.Answer));
        }, ct);
        signal.Pulse(viewer.InstitutionId);
        return contact;
    }

    /// <summary>The viewer's helpline's contact, or null (another institution's, or none).</summary>
    private Task<HelplineContact?> OwnAsync(Viewer viewer, Guid id, CancellationToken ct) =>
        db.HelplineContacts.FirstOrDefaultAsync(c => c.Id == id && c.InstitutionId == viewer.InstitutionId, ct);

    private Task<bool> DenyAsync(Viewer viewer, AuditAction action, Guid? id, CancellationToken ct) =>
        writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(false, new AuditRecord(action, AuditOutcome.Denied, TargetType: HelplineAudit.Contact, TargetId: id,
            Purpose: HelplineAudit.Answer))), ct);

    /// <summary>
    /// Records what the operator learnt, applies the forwarding rules and, for a minor or imminent danger, forwards at once.
    /// Errors by field (nothing is changed); null when the viewer may not (audited as denied).
    /// </summary>
    public async Task<Dictionary<string, string[]>?> SaveAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, ContactInput input, CancellationToken ct = default)
    {
        if (!IsStaff(roles) || await OwnAsync(viewer, id, ct) is not { } found)
        {
            await DenyAsync(viewer, HelplineAudit.ContactSaved, id, ct);
            return null;
        }
        var errors = input.Validate(text);
        if (found.NonData is not null)
            errors.TryAdd(nameof(ContactInput.Category), [text["Helpline_NonDataClosed"]]);
        if (errors.Count > 0)
            return errors;
        var decision = await writes.RunAsync(viewer, async ct =>
        {
            var contact = await db.HelplineContacts.FirstAsync(c => c.Id == id, ct);
            var key = await dataKeys.UnwrapAsync(contact.DataKeyId, ct) ?? throw new InvalidOperationException("The contact's key is gone.");
            try
            {
                var now = time.GetUtcNow();
                var wasHeld = contact.HeldReason;
                Record(contact, input, key, viewer, now);
                var decision = Apply(contact);
                if (decision.Held && wasHeld is null)
                    db.Notifications.Add(new Notification
                    {
                        RecipientInstitutionId = contact.InstitutionId,
                        RecipientRole = RoleCatalog.HelplineSupervisor,
                        Kind = HelplineAudit.HeldNotice,
                        CaseNumber = contact.Number,
                        CreatedAt = now,
                    });
                if (input.Close)
                {
                    contact.Status = ContactStatus.Closed;
                    contact.ClosedAt = now;
                }
                contact.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
                return new Audited<ForwardingRules.Decision>(decision, new AuditRecord(HelplineAudit.ContactSaved, TargetType: HelplineAudit.Contact, TargetId: id,
                    Purpose: HelplineAudit.Answer));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }, ct);
        signal.Pulse(viewer.InstitutionId);
        if (decision.AtOnce)
            await ForwardAsync(viewer, roles, id, ct);
        return [];
    }

    /// <summary>Copies what the operator recorded onto the contact (sealing what was said under its key); answering a waiting contact takes it.</summary>
    private void Record(HelplineContact contact, ContactInput input, byte[] key, Viewer viewer, DateTimeOffset now)
    {
        if (input.Channel is { } channel)
            contact.Channel = channel;
        contact.CallerType = input.CallerType ?? contact.CallerType;
        contact.Language = string.IsNullOrWhiteSpace(input.Language) ? contact.Language : input.Language.Trim();
        contact.Category = input.Category ?? contact.Category;
        contact.ConsentBasis = input.ConsentBasis ?? contact.ConsentBasis;
        if (!string.IsNullOrWhiteSpace(input.CallerNumber))
            contact.CallerHash = index.Phone(input.CallerNumber);
        if (input.Summary is not null)
            contact.SummaryEnc = db.Seal(contact, c => c.SummaryEnc, NullIfBlank(input.Summary), key, contact.DataKeyId);
        if (input.Whereabouts is not null)
            contact.WhereaboutsEnc = db.Seal(contact, c => c.WhereaboutsEnc, NullIfBlank(input.Whereabouts), key, contact.DataKeyId);
        if (contact.Status == ContactStatus.Waiting)
        {
            contact.Status = ContactStatus.Open;
            contact.AnsweredAt ??= now;
            contact.OperatorId ??= viewer.UserId;
        }
    }

    /// <summary>
    /// The API's create: a contact recorded in one request, once per <c>Idempotency-Key</c> (the same key and body give the
    /// contact made the first time; another body is refused). A minor or imminent danger is forwarded at once.
    /// </summary>
    public async Task<(Dictionary<string, string[]>? Errors, OnceOutcome Outcome, HelplineContact? Contact)> CreateOnceAsync(
        Viewer viewer, IReadOnlyCollection<string> roles, ContactInput input, IdempotentRequest request, CancellationToken ct = default)
    {
        if (!IsStaff(roles))
        {
            await DenyAsync(viewer, HelplineAudit.ContactOpened, null, ct);
            return (null, OnceOutcome.KeyConflict, null);
        }
        var errors = input.Validate(text);
        if (input.Channel is null)
            errors.TryAdd(nameof(ContactInput.Channel), [text["Helpline_ChannelInvalid"]]);
        if (errors.Count > 0)
            return (errors, OnceOutcome.KeyConflict, null);
        // A new row with a random number: no "next" key to hand out, so no writers' lock.
        var (outcome, contact) = await writes.RunOnceUnserializedAsync(viewer, request, async ct =>
        {
            var now = time.GetUtcNow();
            var (key, clear) = dataKeys.Create();
            try
            {
                var contact = New(viewer, input.Channel!.Value, null, null, waiting: false, key.Id, now);
                Record(contact, input, clear, viewer, now);
                Apply(contact);
                if (input.Close)
                {
                    contact.Status = ContactStatus.Closed;
                    contact.ClosedAt = now;
                }
                db.HelplineContacts.Add(contact);
                return new Audited<HelplineContact?>(contact, new AuditRecord(HelplineAudit.ContactOpened, TargetType: HelplineAudit.Contact, TargetId: contact.Id,
                    Purpose: HelplineAudit.Answer), ResourceId: contact.Id);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(clear);
            }
        }, replay: (id, ct) => db.HelplineContacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct), ct);
        if (outcome == OnceOutcome.Done && contact is not null)
        {
            signal.Pulse(viewer.InstitutionId);
            if (ForwardingRules.Decide(contact.Category, contact.NonData, contact.ConsentBasis, contact.Override, options.Value).AtOnce)
                await ForwardAsync(viewer, roles, contact.Id, ct);
        }
        return ([], outcome, contact);
    }

    private HelplineContact New(Viewer viewer, ContactChannel channel, string? callerNumber, string? externalCallId, bool waiting, Guid keyId, DateTimeOffset now) => new()
    {
        Number = NewNumber(now),
        InstitutionId = viewer.InstitutionId,
        Channel = channel,
        Status = waiting ? ContactStatus.Waiting : ContactStatus.Open,
        ReceivedAt = now,
        AnsweredAt = waiting ? null : now,
        OperatorId = waiting ? null : viewer.UserId,
        CallerHash = index.Phone(callerNumber),
        ExternalCallId = externalCallId,
        DataKeyId = keyId,
        UpdatedAt = now,
    };

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Records on the contact the rule that fires now, its deadline (from when the contact came in) and why a tip is held.</summary>
    private ForwardingRules.Decision Apply(HelplineContact contact)
    {
        var decision = ForwardingRules.Decide(contact.Category, contact.NonData, contact.ConsentBasis, contact.Override, options.Value);
        contact.ForwardingRule = decision.Rule;
        if (contact.ReferralId is null)
        {
            var from = contact.Override == ForwardingOverride.Forward && contact.OverrideAt is { } at ? at : contact.ReceivedAt;
            contact.ForwardBy = decision.Within is { } within ? from + within : null;
            contact.HeldReason = decision.Held ? decision.Rule : null;
        }
        return decision;
    }

    /// <summary>
    /// Forwards the tip to the Squad as a referral, through the referral flow (the duty desk is told live): anonymous — the
    /// caller's identity never goes — with where, the danger, the exploitation and the summary. Once per contact: the
    /// contact is marked in the referral's own transaction.
    /// </summary>
    public async Task<(ForwardOutcome Outcome, string? ReferralNumber)> ForwardAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        if (!IsStaff(roles) || await OwnAsync(viewer, id, ct) is not { } contact)
        {
            await DenyAsync(viewer, HelplineAudit.Forwarded, id, ct);
            return (ForwardOutcome.NotAllowed, null);
        }
        if (contact.ReferralId is { } done)
            return (ForwardOutcome.AlreadyForwarded, await db.Referrals.Where(r => r.Id == done).Select(r => r.Number).FirstOrDefaultAsync(ct));
        var decision = ForwardingRules.Decide(contact.Category, contact.NonData, contact.ConsentBasis, contact.Override, options.Value);
        if (decision.Within is null)
            return (ForwardOutcome.NothingToForward, null);
        var key = await dataKeys.UnwrapAsync(contact.DataKeyId, ct) ?? throw new InvalidOperationException("The contact's key is gone.");
        ReferralInput input;
        try
        {
            var summary = db.Open(contact, c => c.SummaryEnc, key, contact.DataKeyId);
            var where = db.Open(contact, c => c.WhereaboutsEnc, key, contact.DataKeyId);
            var mapping = contact.Category is { } category ? ContactCategories.Of(category) : null;
            input = new ReferralInput
            {
                Anonymous = true,
                Child = contact.ConsentBasis == ConsentBasis.Minor,
                Whereabouts = where,
                ImmediateDanger = contact.ConsentBasis == ConsentBasis.ImminentDanger,
                Danger = contact.ConsentBasis == ConsentBasis.ImminentDanger ? summary ?? where : null,
                Urgency = decision.Urgency,
                Exploitation = mapping?.Htcds is { } htcds ? [htcds] : [],
                Observations = $"{text["Helpline_ForwardedFrom", contact.Number]}\n{summary}".Trim(),
                Consent = contact.ConsentBasis == ConsentBasis.VictimConsents ? ReferralConsent.Given : ReferralConsent.NotAsked,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        try
        {
            var (outcome, referral) = await referrals.SubmitAsync(viewer, input, [], "helpline-" + contact.Id.ToString("N"),
                alsoInTransaction: async (made, ct) =>
                {
                    // In the referral's transaction: the contact is marked forwarded with it (and audited), or not at all.
                    await writes.RunAsync(viewer, async ct =>
                    {
                        // Claimed by a conditional update: of two forwards at once (two staff, or the deadline job and a supervisor;
                        // the referral takes no writers' lock), the second waits for the first's row lock, then finds it forwarded.
                        var now = time.GetUtcNow();
                        if (await db.HelplineContacts.Where(c => c.Id == id && c.ReferralId == null)
                                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ForwardedAt, now), ct) == 0)
                            throw new AlreadyForwardedException();
                        var row = await db.HelplineContacts.FirstAsync(c => c.Id == id, ct);
                        await db.Entry(row).ReloadAsync(ct); // tracked since the checks above: read again after the claim
                        row.ReferralId = made.Id;
                        row.ForwardedAt = now;
                        row.HeldReason = null;
                        row.UpdatedAt = now;
                        return new Audited<bool>(true, new AuditRecord(HelplineAudit.Forwarded, TargetType: HelplineAudit.Contact, TargetId: id,
                            Purpose: HelplineAudit.Forward));
                    }, ct);
                }, ct: ct);
            switch (outcome)
            {
                case ReferralIntake.SubmitOutcome.Created or ReferralIntake.SubmitOutcome.Replayed when referral is not null:
                    signal.Pulse(viewer.InstitutionId);
                    return (ForwardOutcome.Forwarded, referral.Number);
                case ReferralIntake.SubmitOutcome.NoSquad:
                    return (ForwardOutcome.NoSquad, null);
                default:
                    return (ForwardOutcome.NotAllowed, null);
            }
        }
        catch (AlreadyForwardedException)
        {
            db.ChangeTracker.Clear();
            return (ForwardOutcome.AlreadyForwarded, null);
        }
    }

    private sealed class AlreadyForwardedException : Exception;

    /// <summary>
    /// A supervisor's decision against the rule, with a reason (sealed): forward a held tip, or hold one the rule would forward.
    /// A minor or imminent danger cannot be held. Errors by field; null for anyone but a supervisor of the contact's helpline.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> OverrideAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, ForwardingOverride? decision, string? reason,
        CancellationToken ct = default)
    {
        if (!HelplineRoles.IsSupervisor(roles) || await OwnAsync(viewer, id, ct) is not { } found)
        {
            await writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(false, new AuditRecord(HelplineAudit.Overridden, AuditOutcome.Denied,
                TargetType: HelplineAudit.Contact, TargetId: id, Purpose: HelplineAudit.Supervise))), ct);
            return null;
        }
        var errors = new Dictionary<string, string[]>();
        if (decision is not { } choice || !Enum.IsDefined(choice))
            errors["Decision"] = [text["Helpline_OverrideChoose"]];
        else if (choice == ForwardingOverride.Hold && found.ConsentBasis is ConsentBasis.Minor or ConsentBasis.ImminentDanger)
            errors["Decision"] = [text["Helpline_CannotHoldAtOnce"]];
        else if (found.ReferralId is not null)
            errors["Decision"] = [text["Helpline_AlreadyForwarded"]];
        else if (found.Category is null || !ContactCategories.IsTrafficking(found.Category.Value))
            errors["Decision"] = [text["Helpline_OverrideNotATip"]];
        var clean = reason?.Trim() ?? "";
        if (clean.Length == 0)
            errors["Reason"] = [text["Helpline_OverrideReasonRequired"]];
        else if (clean.Length > 1000)
            errors["Reason"] = [text["Validation_TooLong", 1000]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var contact = await db.HelplineContacts.FirstAsync(c => c.Id == id, ct);
            var key = await dataKeys.UnwrapAsync(contact.DataKeyId, ct) ?? throw new InvalidOperationException("The contact's key is gone.");
            try
            {
                var now = time.GetUtcNow();
                contact.Override = decision;
                contact.OverrideBy = viewer.UserId;
                contact.OverrideAt = now;
                contact.OverrideReasonEnc = db.Seal(contact, c => c.OverrideReasonEnc, clean, key, contact.DataKeyId);
                contact.EscalatedAt = null;
                Apply(contact);
                contact.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
            return new Audited<bool>(true, new AuditRecord(HelplineAudit.Overridden, TargetType: HelplineAudit.Contact, TargetId: id, Purpose: HelplineAudit.Supervise));
        }, ct);
        signal.Pulse(viewer.InstitutionId);
        return [];
    }

    /// <summary>One contact with what was said, the caller's earlier contacts and live flags (the read is audited). Null, audited as denied, for anyone else.</summary>
    public async Task<Detail?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default) =>
        await writes.RunAsync(viewer, async ct =>
        {
            var contact = IsStaff(roles) ? await db.HelplineContacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.InstitutionId == viewer.InstitutionId, ct) : null;
            if (contact is null)
                return new Audited<Detail?>(null, new AuditRecord(HelplineAudit.ContactViewed, AuditOutcome.Denied, TargetType: HelplineAudit.Contact, TargetId: id, Purpose: HelplineAudit.Answer));
            var key = await dataKeys.UnwrapAsync(contact.DataKeyId, ct);
            var earlier = 0;
            IReadOnlyList<FlagView> flags = [];
            if (contact.CallerHash is { } hash)
            {
                earlier = await db.HelplineContacts.CountAsync(c => c.InstitutionId == viewer.InstitutionId && c.CallerHash == hash && c.Id != id && c.ReceivedAt <= contact.ReceivedAt, ct);
                flags = await FlagsAsync(viewer.InstitutionId, hash, ct);
            }
            var referralNumber = contact.ReferralId is { } referralId ? await db.Referrals.Where(r => r.Id == referralId).Select(r => r.Number).FirstOrDefaultAsync(ct) : null;
            var detail = new Detail(contact,
                key is null ? null : db.Open(contact, c => c.SummaryEnc, key, contact.DataKeyId),
                key is null ? null : db.Open(contact, c => c.WhereaboutsEnc, key, contact.DataKeyId),
                key is null ? null : db.Open(contact, c => c.OverrideReasonEnc, key, contact.DataKeyId),
                earlier, flags, referralNumber);
            if (key is not null)
                CryptographicOperations.ZeroMemory(key);
            return new Audited<Detail?>(detail, new AuditRecord(HelplineAudit.ContactViewed, TargetType: HelplineAudit.Contact, TargetId: id, Purpose: HelplineAudit.Answer));
        }, ct);

    private async Task<IReadOnlyList<FlagView>> FlagsAsync(Guid institutionId, byte[] hash, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await db.CallerFlags.AsNoTracking().Where(f => f.InstitutionId == institutionId && f.CallerHash == hash && f.ExpiresAt > now)
            .OrderByDescending(f => f.SetAt).Take(20).ToListAsync(ct);
        var keys = await dataKeys.UnwrapManyAsync(rows.Select(r => r.DataKeyId).Distinct(), ct);
        return [.. rows.Select(f => new FlagView(f.Id, f.Kind, keys.TryGetValue(f.DataKeyId, out var k) ? db.Open(f, x => x.NoteEnc, k, f.DataKeyId) : null, f.ExpiresAt))];
    }

    /// <summary>
    /// Flags the caller of a contact (found again by the keyed HMAC of the number, never the number) until it expires.
    /// Errors by field; null when the viewer may not.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> FlagAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid contactId, CallerFlagKind? kind, string? note, int? days,
        CancellationToken ct = default)
    {
        if (!IsStaff(roles) || await OwnAsync(viewer, contactId, ct) is not { } contact)
        {
            await writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(false, new AuditRecord(HelplineAudit.CallerFlagged, AuditOutcome.Denied,
                TargetType: HelplineAudit.Contact, TargetId: contactId, Purpose: HelplineAudit.Answer))), ct);
            return null;
        }
        var errors = new Dictionary<string, string[]>();
        if (kind is not { } flagKind || !Enum.IsDefined(flagKind))
            errors["Kind"] = [text["Helpline_FlagKindRequired"]];
        if (contact.CallerHash is null)
            errors.TryAdd("Kind", [text["Helpline_FlagNoNumber"]]);
        if (days is < 1 or > 365)
            errors["Days"] = [text["Helpline_FlagDays"]];
        if (note?.Trim().Length > 500)
            errors["Note"] = [text["Validation_TooLong", 500]];
        if (errors.Count > 0)
            return errors;
        return await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var (key, clear) = dataKeys.Create();
            try
            {
                var flag = new CallerFlag
                {
                    InstitutionId = viewer.InstitutionId,
                    CallerHash = contact.CallerHash!,
                    Kind = kind!.Value,
                    DataKeyId = key.Id,
                    SetBy = viewer.UserId,
                    SetAt = now,
                    ExpiresAt = now + (days is { } d ? TimeSpan.FromDays(d) : options.Value.FlagLifetime),
                };
                flag.NoteEnc = db.Seal(flag, f => f.NoteEnc, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), clear, key.Id);
                db.CallerFlags.Add(flag);
                await db.SaveChangesAsync(ct);
                return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(HelplineAudit.CallerFlagged, TargetType: HelplineAudit.Caller, TargetId: flag.Id,
                    Purpose: HelplineAudit.Answer));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(clear);
            }
        }, ct);
    }

    /// <summary>The console's list: the viewer's helpline's contacts, newest first, waiting ones on top. Null for anyone but its staff.</summary>
    public async Task<IReadOnlyList<Row>?> ListAsync(Viewer viewer, IReadOnlyCollection<string> roles, bool openOnly = false, int take = 100, CancellationToken ct = default)
    {
        if (!IsStaff(roles))
            return null;
        var query = db.HelplineContacts.AsNoTracking().Where(c => c.InstitutionId == viewer.InstitutionId);
        if (openOnly)
            query = query.Where(c => c.Status != ContactStatus.Closed);
        var limit = Math.Clamp(take, 1, 500);
        // The waiting ones, then the others newest first: two ranges of the indexes ((InstitutionId, Status, ReceivedAt) and
        // (InstitutionId, ReceivedAt)) read from their newest end, not a sort of the helpline's whole history at every refresh.
        var rows = await ListColumns(query.Where(c => c.Status == ContactStatus.Waiting).OrderByDescending(c => c.ReceivedAt).Take(limit)).ToListAsync(ct);
        if (rows.Count < limit)
            rows.AddRange(await ListColumns(query.Where(c => c.Status != ContactStatus.Waiting).OrderByDescending(c => c.ReceivedAt).Take(limit - rows.Count)).ToListAsync(ct));
        // A call answered between the two reads is in both: once, where it was first read.
        rows = [.. rows.DistinctBy(r => r.Id)];
        // A repeat: the caller reached the helpline before (another contact with the same caller hash, received no later). Of the
        // rows of one caller, all but the earliest listed have an earlier one in the list; only the earliest asks the database.
        var repeats = new HashSet<Guid>();
        foreach (var caller in rows.Where(r => r.CallerHash is not null).GroupBy(r => Convert.ToHexString(r.CallerHash!)))
        {
            var ordered = caller.OrderBy(r => r.ReceivedAt).ToList();
            repeats.UnionWith(ordered.Skip(1).Select(r => r.Id));
            var first = ordered[0];
            if (await db.HelplineContacts.AnyAsync(c => c.InstitutionId == viewer.InstitutionId && c.CallerHash == first.CallerHash && c.Id != first.Id
                    && c.ReceivedAt <= first.ReceivedAt, ct))
                repeats.Add(first.Id);
        }
        return [.. rows.Select(c => new Row(c.Id, c.Number, c.Channel, c.Status, c.ReceivedAt, c.Category, c.NonData, c.ForwardingRule, c.ForwardBy, c.ForwardedAt,
            c.HeldReason, repeats.Contains(c.Id)))];
    }

    private sealed record ListRow(Guid Id, string Number, ContactChannel Channel, ContactStatus Status, DateTimeOffset ReceivedAt, ContactCategory? Category,
        NonDataKind? NonData, string? ForwardingRule, DateTimeOffset? ForwardBy, DateTimeOffset? ForwardedAt, string? HeldReason, byte[]? CallerHash);

    private static IQueryable<ListRow> ListColumns(IQueryable<HelplineContact> query) =>
        query.Select(c => new ListRow(c.Id, c.Number, c.Channel, c.Status, c.ReceivedAt, c.Category, c.NonData, c.ForwardingRule, c.ForwardBy, c.ForwardedAt,
            c.HeldReason, c.CallerHash));

    /// <summary>
    /// The held-tips report, for supervisors: every trafficking tip not yet with the Squad — held (and why), or waiting to be
    /// forwarded (and its deadline, passed or not). Audited.
    /// </summary>
    public async Task<IReadOnlyList<Row>?> HeldAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default) =>
        await writes.RunAsync(viewer, async ct =>
        {
            if (!HelplineRoles.IsSupervisor(roles))
                return new Audited<IReadOnlyList<Row>?>(null, new AuditRecord(HelplineAudit.HeldReportViewed, AuditOutcome.Denied, Purpose: HelplineAudit.Supervise));
            var rows = await db.HelplineContacts.AsNoTracking()
                .Where(c => c.InstitutionId == viewer.InstitutionId && c.ReferralId == null && (c.HeldReason != null || c.ForwardBy != null))
                .OrderBy(c => c.ForwardBy == null ? 1 : 0).ThenBy(c => c.ForwardBy).ThenBy(c => c.ReceivedAt).Take(500).ToListAsync(ct);
            IReadOnlyList<Row> list = [.. rows.Select(c => new Row(c.Id, c.Number, c.Channel, c.Status, c.ReceivedAt, c.Category, c.NonData, c.ForwardingRule, c.ForwardBy,
                c.ForwardedAt, c.HeldReason, false))];
            return new Audited<IReadOnlyList<Row>?>(list, new AuditRecord(HelplineAudit.HeldReportViewed, Purpose: HelplineAudit.Supervise));
        }, ct);

    public enum CallEvent { Ringing, Answered, Hangup }

    /// <summary>
    /// The PBX's webhook: "ringing" opens a waiting contact on the operators' screens (once per call id), "answered" marks it
    /// answered, "hangup" before an answer logs it as a hang-up (counted, never forwarded). The caller's number, when the PBX
    /// sends it, is kept only as a keyed HMAC. Null when the viewer is not the helpline's staff (or the call is another helpline's).
    /// </summary>
    public async Task<HelplineContact?> CallEventAsync(Viewer viewer, IReadOnlyCollection<string> roles, string callId, string? from, CallEvent kind, CancellationToken ct = default)
    {
        if (kind == CallEvent.Ringing)
        {
            var opened = await OpenAsync(viewer, roles, ContactChannel.Phone, from, callId, waiting: true, ct);
            if (opened is not null)
                await writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(true, new AuditRecord(HelplineAudit.CallReceived, TargetType: HelplineAudit.Contact,
                    TargetId: opened.Id, Purpose: HelplineAudit.Telephony))), ct);
            return opened;
        }
        var contact = IsStaff(roles)
            ? await db.HelplineContacts.FirstOrDefaultAsync(c => c.InstitutionId == viewer.InstitutionId && c.ExternalCallId == callId, ct)
            : null;
        if (contact is null)
        {
            await DenyAsync(viewer, HelplineAudit.CallReceived, null, ct);
            return null;
        }
        var result = await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            if (kind == CallEvent.Answered && contact.AnsweredAt is null)
            {
                contact.AnsweredAt = now;
                if (contact.Status == ContactStatus.Waiting)
                    contact.Status = ContactStatus.Open;
            }
            else if (kind == CallEvent.Hangup && contact.AnsweredAt is null && contact.Status == ContactStatus.Waiting)
            {
                contact.NonData = NonDataKind.HangUp;
                contact.ForwardingRule = ForwardingRules.NonData;
                contact.Status = ContactStatus.Closed;
                contact.ClosedAt = now;
            }
            contact.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new Audited<HelplineContact?>(contact, new AuditRecord(HelplineAudit.CallReceived, TargetType: HelplineAudit.Contact, TargetId: contact.Id,
                Purpose: HelplineAudit.Telephony));
        }, ct);
        signal.Pulse(viewer.InstitutionId);
        return result;
    }

    /// <summary>The helpline institution the call webhook and the public chat open contacts for: the configured one, or the first active helpline.</summary>
    public async Task<Guid?> HelplineInstitutionAsync(CancellationToken ct = default)
    {
        var code = options.Value.InstitutionCode;
        return await db.Institutions.Where(i => i.IsActive && i.Kind == InstitutionKind.Helpline && (code == null || i.Code == code))
            .OrderBy(i => i.Code).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
    }
}
