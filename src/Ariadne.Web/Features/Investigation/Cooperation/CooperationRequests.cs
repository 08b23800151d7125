using System.Security.Cryptography;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// Requests to foreign law enforcement (issue 15 §4; the plan's §4, §5). The Squad (a keeper of the file or its chief)
/// drafts a request and picks, field by field, the little it carries abroad; the National Coordinator approves and sends
/// it or returns it with a reason. The Coordinator never reaches the file: they read the request and exactly the items that
/// go out, nothing else. The values sent are sealed as a snapshot when the request is sent, each item sent is audited, and
/// every view and decision too. A request the viewer may not see answers null (a 404) and the attempt is audited.
/// </summary>
public sealed class CooperationRequests(
    AriadneDbContext db, FileAccess access, DataKeys dataKeys, AuditedWrites writes, AuditTrail audit, TimeProvider time, UiTime uiTime,
    IStringLocalizer<SharedResource> text)
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int MaxText = 2000;
    public const int MaxItems = 50;

    /// <summary>The statuses the Coordinator sees: everything that reached them.</summary>
    public static readonly CooperationStatus[] CoordinatorStatuses =
        [CooperationStatus.Submitted, CooperationStatus.Sent, CooperationStatus.PartlyAnswered, CooperationStatus.Answered, CooperationStatus.Closed];

    /// <summary>Out and waiting for a full answer: overdue once the deadline passes.</summary>
    public static readonly CooperationStatus[] Awaiting = [CooperationStatus.Sent, CooperationStatus.PartlyAnswered];

    public static string NewNumber(DateTimeOffset now) => $"FR-{now.UtcDateTime.Year}-{new string(RandomNumberGenerator.GetItems<char>(Alphabet, 6))}";

    public static bool Drafts(FileRights rights) => rights.Keeps || rights.Supervises;

    public sealed class DraftInput
    {
        public string? Country { get; set; }
        public string? Authority { get; set; }
        public Guid? PartnerInstitutionId { get; set; }
        public CooperationChannel? Channel { get; set; }
        public AssistanceKind? Assistance { get; set; }
        public CooperationUrgency? Urgency { get; set; }
        public string? Purpose { get; set; }
        public DateOnly? Deadline { get; set; }
        /// <summary>Items to carry, at once (the API); the page adds them one by one.</summary>
        /// <summary>Null is a draft without items (they are added one by one).</summary>
        public List<ItemInput>? Items { get; set; } = [];
    }

    public sealed class ItemInput
    {
        /// <summary>A party of the file (or none, for a question).</summary>
        public Guid? PartyId { get; set; }
        public List<PartyFields> Fields { get; set; } = [];
        public string? Question { get; set; }
        /// <summary>Why a victim's details must go abroad (required for a victim).</summary>
        public string? Justification { get; set; }
    }

    public sealed class ReturnInput
    {
        public string? Reason { get; set; }
    }

    public sealed class SendInput
    {
        public DateOnly? SentOn { get; set; }
        public string? Reference { get; set; }
    }

    public sealed class ReplyInput
    {
        public ReplyKind? Kind { get; set; }
        public DateOnly? On { get; set; }
        public string? Summary { get; set; }
    }

    public sealed class ReminderInput
    {
        public DateOnly? On { get; set; }
        public string? Note { get; set; }
    }

    public sealed record Row(Guid Id, string Number, Guid FileId, string FileNumber, string Country, string Authority, CooperationStatus Status,
        CooperationUrgency Urgency, DateOnly Deadline, bool Overdue, DateTimeOffset UpdatedAt);

    /// <summary>One field of a party as it goes (or went) out; Value is null when the file does not know it.</summary>
    public sealed record FieldValue(PartyFields Field, string? Value);

    public sealed record ItemView(Guid Id, Guid? PartyId, PartyRole? Role, IReadOnlyList<FieldValue> Values, string? Question, string? Justification, bool Snapshot);

    public sealed record StepView(CooperationStepKind Kind, DateOnly On, DateTimeOffset RecordedAt, string By, string? Note);

    /// <summary>A party of the file the Squad may pick from (the Squad's view only).</summary>
    public sealed record PartyChoice(Guid Id, PartyRole Role, string Name);

    public sealed record RequestView(
        Guid Id, string Number, Guid FileId, string FileNumber, string Squad, string Country, string Authority, string? Partner,
        CooperationChannel Channel, AssistanceKind Assistance, CooperationUrgency Urgency, string? Purpose, DateOnly Deadline, CooperationStatus Status,
        DateTimeOffset CreatedAt, string DraftedBy, string? ReturnReason, DateOnly? SentOn, string? OutgoingReference, ReplyKind? Reply, DateOnly? RepliedOn,
        string? ReplySummary, DateOnly? LastReminderOn, bool Overdue, IReadOnlyList<ItemView> Items, IReadOnlyList<StepView> Steps,
        bool AsSquad, bool AsCoordinator, bool MayApprove, IReadOnlyList<PartyChoice> Parties)
    {
        public bool Editable => AsSquad && Status is CooperationStatus.Draft or CooperationStatus.Returned;
        public Guid? PartnerInstitutionId { get; init; }
        public bool Awaiting => CooperationRequests.Awaiting.Contains(Status);
    }

    /// <summary>How the viewer stands to a request: through the file (the Squad) or as the National Coordinator.</summary>
    private sealed record Standing(CooperationRequest Request, FileRights? Rights, bool Coordinator)
    {
        public bool Squad => Rights is { } r && Drafts(r);
        public string? Relation => Squad ? Rights!.Relation : Coordinator ? RoleCatalog.Coordinator : null;
        public AuditPurpose Purpose => Squad ? CooperationAudit.Request : CooperationAudit.Review;
    }

    /// <summary>The National Coordinator: the Coordinator role at a National Coordinator's institution.</summary>
    public async Task<bool> IsCoordinatorAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default) =>
        roles.Contains(RoleCatalog.Coordinator)
        && await db.Institutions.AnyAsync(i => i.Id == viewer.InstitutionId && i.Kind == InstitutionKind.NationalCoordinator && i.IsActive, ct);

    /// <summary>The Squad drafts a request for a file it keeps or supervises (once per Idempotency-Key through the API).</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> CreateAsync(Viewer viewer, Guid fileId, DraftInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        // Only the Squad's keepers and chief draft: anyone else (a prosecutor or court who sees the file too) is answered as for a file they cannot see.
        var rights = await access.RightsAsync(viewer, fileId, ct);
        if (rights is null || !Drafts(rights))
        {
            await FileDeniedAsync(viewer, fileId, ct);
            return (null, null);
        }
        var errors = await ValidateAsync(input, ct);
        var parties = await db.FileParties.AsNoTracking().Where(p => p.FileId == fileId).Select(p => new { p.Id, p.Role }).ToDictionaryAsync(p => p.Id, p => p.Role, ct);
        // A JSON null where the list or an item is expected is refused like an empty item, never a failure.
        input.Items ??= [];
        if (input.Items.Count > MaxItems)
            errors[nameof(DraftInput.Items)] = [text["Cooperation_TooManyItems", MaxItems]];
        else
            for (var i = 0; i < input.Items.Count; i++)
                if (input.Items[i] is null)
                    errors[$"{nameof(DraftInput.Items)}[{i}]"] = [text["Cooperation_ItemEmpty"]];
                else
                    foreach (var (field, messages) in ValidateItem(input.Items[i], parties, input.Items.Take(i).Select(x => x?.PartyId)))
                        errors[$"{nameof(DraftInput.Items)}[{i}].{field}"] = messages;
        if (errors.Count > 0)
            return (null, errors);
        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var file = await db.CriminalFiles.AsNoTracking().FirstAsync(f => f.Id == fileId, ct);
            var key = await KeyAsync(file.DataKeyId, ct);
            var now = time.GetUtcNow();
            var row = new CooperationRequest
            {
                Number = NewNumber(now),
                FileId = fileId,
                DataKeyId = file.DataKeyId,
                SquadInstitutionId = file.OwnerInstitutionId,
                DraftedBy = viewer.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            Apply(row, input, key);
            db.CooperationRequests.Add(row);
            foreach (var item in input.Items)
                db.CooperationItems.Add(NewItem(row, item, parties, key, viewer, now));
            db.CooperationSteps.Add(NewStep(row, CooperationStepKind.Drafted, Today, viewer, null, key));
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(row.Id, new AuditRecord(CooperationAudit.Drafted, TargetType: CooperationAudit.Target, TargetId: row.Id,
                Relation: rights.Relation, Purpose: CooperationAudit.Request), row.Id);
        }
        if (request is null)
            return (await writes.RunSerializedAsync(viewer, Work, ct), errors);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (once.Result, errors);
    }

    /// <summary>The Squad changes a draft (or a returned request) before submitting it.</summary>
    public async Task<Dictionary<string, string[]>?> UpdateAsync(Viewer viewer, Guid id, DraftInput input, CancellationToken ct = default)
    {
        if (await SquadEditableAsync(viewer, id, ct) is not { } s)
            return null;
        if (s.Errors is { } refused)
            return refused;
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.CooperationRequests.FirstAsync(r => r.Id == id, ct);
            Apply(row, input, await KeyAsync(row.DataKeyId, ct));
            row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(CooperationAudit.Changed, s.Standing!, id));
        }, ct);
        return errors;
    }

    /// <summary>Adds a party (with the chosen fields) or a question to a draft.</summary>
    /// <summary>
    /// Adds an item to a draft or returned request. Once per key when there is one (the API's <c>Idempotency-Key</c>, the page's form
    /// key): a retry with the same key and body adds nothing and is answered as done (before the check that the party is already in);
    /// another body with the key is refused. Without a key a party is still refused twice, a question is not.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> AddItemAsync(Viewer viewer, Guid id, ItemInput input, IdempotentRequest? idempotent = null,
        CancellationToken ct = default)
    {
        if (await SquadEditableAsync(viewer, id, ct) is not { } s)
            return null;
        if (await writes.SeenAsync(viewer, idempotent, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? new() { [""] = [text["Api_IdempotencyKeyReused"]] } : [];
        if (s.Errors is { } refused)
            return refused;
        var request = s.Standing!.Request;
        var parties = await db.FileParties.AsNoTracking().Where(p => p.FileId == request.FileId).Select(p => new { p.Id, p.Role }).ToDictionaryAsync(p => p.Id, p => p.Role, ct);
        var present = await db.CooperationItems.AsNoTracking().Where(i => i.RequestId == id).Select(i => i.PartyId).ToListAsync(ct);
        if (present.Count >= MaxItems)
            return new() { [""] = [text["Cooperation_TooManyItems", MaxItems]] };
        var errors = ValidateItem(input, parties, present);
        if (errors.Count > 0)
            return errors;
        async Task<Audited<bool>> Work(CancellationToken ct)
        {
            var row = await db.CooperationRequests.FirstAsync(r => r.Id == id, ct);
            var now = time.GetUtcNow();
            var item = NewItem(row, input, parties, await KeyAsync(row.DataKeyId, ct), viewer, now);
            db.CooperationItems.Add(item);
            row.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(CooperationAudit.Changed, s.Standing!, id), item.Id);
        }
        if (idempotent is null)
        {
            await writes.RunAsync(viewer, Work, ct);
            return errors;
        }
        var once = await writes.RunOnceAsync(viewer, idempotent, Work, (_, _) => Task.FromResult(true), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? new() { [""] = [text["Api_IdempotencyKeyReused"]] } : errors;
    }

    public async Task<Dictionary<string, string[]>?> RemoveItemAsync(Viewer viewer, Guid id, Guid itemId, CancellationToken ct = default)
    {
        if (await SquadEditableAsync(viewer, id, ct) is not { } s)
            return null;
        if (s.Errors is { } refused)
            return refused;
        var item = await db.CooperationItems.FirstOrDefaultAsync(i => i.Id == itemId && i.RequestId == id, ct);
        if (item is null)
            return new() { [""] = [text["Cooperation_ItemNotFound"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            db.CooperationItems.Remove(item);
            var row = await db.CooperationRequests.FirstAsync(r => r.Id == id, ct);
            row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(CooperationAudit.Changed, s.Standing!, id));
        }, ct);
        return [];
    }

    /// <summary>The Squad submits the request to the National Coordinator (at least one item).</summary>
    public async Task<Dictionary<string, string[]>?> SubmitAsync(Viewer viewer, Guid id, CancellationToken ct = default)
    {
        if (await SquadEditableAsync(viewer, id, ct) is not { } s)
            return null;
        if (s.Errors is { } refused)
            return refused;
        if (!await db.CooperationItems.AnyAsync(i => i.RequestId == id, ct))
            return new() { [""] = [text["Cooperation_NoItems"]] };
        if (s.Standing!.Request.Deadline < Today)
            return new() { [nameof(DraftInput.Deadline)] = [text["Cooperation_DeadlinePast"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.CooperationRequests.FirstAsync(r => r.Id == id, ct);
            var now = time.GetUtcNow();
            row.Status = CooperationStatus.Submitted;
            row.SubmittedBy = viewer.UserId;
            row.SubmittedAt = now;
            row.UpdatedAt = now;
            db.CooperationSteps.Add(NewStep(row, CooperationStepKind.Submitted, Today, viewer, null, null));
            foreach (var office in await db.Institutions.AsNoTracking().Where(i => i.IsActive && i.Kind == InstitutionKind.NationalCoordinator).Select(i => i.Id).ToListAsync(ct))
                db.Notifications.Add(new Notification
                {
                    RecipientInstitutionId = office,
                    RecipientRole = RoleCatalog.Coordinator,
                    Kind = CooperationAudit.SubmittedNotice.Code,
                    CaseNumber = row.Number,
                    CreatedAt = now,
                });
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(CooperationAudit.Submitted, s.Standing!, id));
        }, ct);
        return [];
    }

    /// <summary>The Coordinator returns a submitted request to the Squad, with a reason.</summary>
    public async Task<Dictionary<string, string[]>?> ReturnAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, ReturnInput input, CancellationToken ct = default)
    {
        if (await StandingOrDeniedAsync(viewer, roles, id, ct) is not { } s)
            return null;
        if (!s.Coordinator)
            return new() { [""] = [text["Cooperation_CoordinatorOnly"]] };
        if (s.Request.Status != CooperationStatus.Submitted)
            return new() { [""] = [text["Cooperation_NotSubmitted"]] };
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            return new() { [nameof(ReturnInput.Reason)] = [text["Cooperation_ReturnReasonRequired"]] };
        if (reason.Length > MaxText)
            return new() { [nameof(ReturnInput.Reason)] = [text["Validation_TooLong", MaxText]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.CooperationRequests.FirstAsync(r => r.Id == id, ct);
            var key = await KeyAsync(row.DataKeyId, ct);
            var now = time.GetUtcNow();
            row.Status = CooperationStatus.Returned;
            row.ReturnReasonEnc = db.Seal(row, r => r.ReturnReasonEnc, reason, key, row.DataKeyId);
            row.UpdatedAt = now;
            db.CooperationSteps.Add(NewStep(row, CooperationStepKind.Returned, Today, viewer, reason, key));
            db.Notifications.Add(new Notification { RecipientUserId = row.SubmittedBy ?? row.DraftedBy, Kind = CooperationAudit.DecidedNotice.Code, CaseNumber = row.Number, CreatedAt = now });
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(CooperationAudit.Returned, s, id));
        }, ct);
        return [];
    }

    /// <summary>
    /// The Coordinator approves and sends: the sent date and the outgoing reference are recorded, the values of every item are
    /// sealed as the snapshot of what went out, and each item sent is audited. Whoever drafted, filled or submitted the request
    /// may not approve it.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> SendAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, SendInput input, CancellationToken ct = default)
    {
        if (await StandingOrDeniedAsync(viewer, roles, id, ct) is not { } s)
            return null;
        if (!s.Coordinator)
            return new() { [""] = [text["Cooperation_CoordinatorOnly"]] };
        if (s.Request.Status != CooperationStatus.Submitted)
            return new() { [""] = [text["Cooperation_NotSubmitted"]] };
        if (s.Request.DraftedBy == viewer.UserId || s.Request.SubmittedBy == viewer.UserId
            || await db.CooperationItems.AnyAsync(i => i.RequestId == id && i.AddedBy == viewer.UserId, ct))
            return new() { [""] = [text["Cooperation_SelfApproval"]] };
        var errors = new Dictionary<string, string[]>();
        if (input.SentOn is not { } sentOn || sentOn > Today || sentOn < uiTime.DayOf(s.Request.CreatedAt))
            errors[nameof(SendInput.SentOn)] = [text["Cooperation_SentOnInvalid"]];
        var reference = input.Reference?.Trim();
        if (string.IsNullOrEmpty(reference))
            errors[nameof(SendInput.Reference)] = [text["Cooperation_ReferenceRequired"]];
        else if (reference.Length > 60)
            errors[nameof(SendInput.Reference)] = [text["Validation_TooLong", 60]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.CooperationRequests.FirstAsync(r => r.Id == id, ct);
            var key = await KeyAsync(row.DataKeyId, ct);
            var now = time.GetUtcNow();
            var items = await db.CooperationItems.Where(i => i.RequestId == id).OrderBy(i => i.AddedAt).ToListAsync(ct);
            var partyIds = items.Where(i => i.PartyId is not null).Select(i => i.PartyId!.Value).ToList();
            var parties = await db.FileParties.AsNoTracking().Where(p => partyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            foreach (var item in items.Where(i => i.PartyId is not null))
            {
                var values = Values(parties[item.PartyId!.Value], item.Fields, key, row.DataKeyId).ToDictionary(v => v.Field.ToString(), v => v.Value);
                item.SentValuesEnc = db.Seal(item, i => i.SentValuesEnc, JsonSerializer.Serialize(values), key, row.DataKeyId);
            }
            row.Status = CooperationStatus.Sent;
            row.ApprovedBy = viewer.UserId;
            row.SentOn = input.SentOn;
            row.OutgoingReference = reference;
            row.UpdatedAt = now;
            db.CooperationSteps.Add(NewStep(row, CooperationStepKind.Sent, input.SentOn!.Value, viewer, reference, key));
            db.Notifications.Add(new Notification { RecipientUserId = row.SubmittedBy ?? row.DraftedBy, Kind = CooperationAudit.DecidedNotice.Code, CaseNumber = row.Number, CreatedAt = now });
            await db.SaveChangesAsync(ct);
            // Each item that left the country, in the same transaction as the sending.
            foreach (var item in items)
                await audit.AppendAsync(new AuditRecord(CooperationAudit.ItemSent, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                    TargetType: CooperationAudit.ItemTarget, TargetId: item.Id, Relation: s.Relation, Purpose: CooperationAudit.Review), ct);
            return new Audited<bool>(true, Record(CooperationAudit.Sent, s, id));
        }, ct);
        return errors;
    }

    /// <summary>A reply from abroad, partial or complete, by the Squad or the Coordinator (who receives it on the channel).</summary>
    public async Task<Dictionary<string, string[]>?> RecordReplyAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, ReplyInput input, CancellationToken ct = default)
    {
        if (await StandingOrDeniedAsync(viewer, roles, id, ct) is not { } s)
            return null;
        if (!Awaiting.Contains(s.Request.Status))
            return new() { [""] = [text["Cooperation_NotAwaiting"]] };
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[nameof(ReplyInput.Kind)] = [text["Cooperation_ReplyKindRequired"]];
        if (input.On is not { } on || on > Today || on < s.Request.SentOn)
            errors[nameof(ReplyInput.On)] = [text["Cooperation_ReplyOnInvalid"]];
        var summary = input.Summary?.Trim();
        if (string.IsNullOrEmpty(summary))
            errors[nameof(ReplyInput.Summary)] = [text["Cooperation_ReplySummaryRequired"]];
        else if (summary.Length > MaxText)
            errors[nameof(ReplyInput.Summary)] = [text["Validation_TooLong", MaxText]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.CooperationRequests.FirstAsync(r => r.Id == id, ct);
            var key = await KeyAsync(row.DataKeyId, ct);
            row.Status = input.Kind == ReplyKind.Complete ? CooperationStatus.Answered : CooperationStatus.PartlyAnswered;
            row.Reply = input.Kind;
            row.RepliedOn = input.On;
            row.ReplySummaryEnc = db.Seal(row, r => r.ReplySummaryEnc, summary, key, row.DataKeyId);
            row.UpdatedAt = time.GetUtcNow();
            db.CooperationSteps.Add(NewStep(row, CooperationStepKind.Reply, input.On!.Value, viewer, summary, key));
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(CooperationAudit.Replied, s, id));
        }, ct);
        return errors;
    }

    /// <summary>A reminder (chaser) sent to the foreign authority, by the Squad or the Coordinator.</summary>
    public async Task<Dictionary<string, string[]>?> RemindAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, ReminderInput input, CancellationToken ct = default)
    {
        if (await StandingOrDeniedAsync(viewer, roles, id, ct) is not { } s)
            return null;
        if (!Awaiting.Contains(s.Request.Status))
            return new() { [""] = [text["Cooperation_NotAwaiting"]] };
        var errors = new Dictionary<string, string[]>();
        if (input.On is not { } on || on > Today || on < s.Request.SentOn)
            errors[nameof(ReminderInput.On)] = [text["Cooperation_ReminderOnInvalid"]];
        if (input.Note?.Trim().Length > MaxText)
            errors[nameof(ReminderInput.Note)] = [text["Validation_TooLong", MaxText]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.CooperationRequests.FirstAsync(r => r.Id == id, ct);
            var key = await KeyAsync(row.DataKeyId, ct);
            row.LastReminderOn = row.LastReminderOn is { } last && last > input.On!.Value ? last : input.On;
            row.UpdatedAt = time.GetUtcNow();
            db.CooperationSteps.Add(NewStep(row, CooperationStepKind.Reminder, input.On!.Value, viewer, NullIfEmpty(input.Note), key));
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(CooperationAudit.Reminded, s, id));
        }, ct);
        return errors;
    }

    /// <summary>The Squad closes a request (answered, no longer needed, or a draft withdrawn); not while it waits for the Coordinator.</summary>
    public async Task<Dictionary<string, string[]>?> CloseAsync(Viewer viewer, Guid id, CancellationToken ct = default)
    {
        if (await StandingOrDeniedAsync(viewer, [], id, ct) is not { } s)
            return null;
        if (!s.Squad)
            return new() { [""] = [text["Cooperation_SquadOnly"]] };
        if (s.Request.Status is CooperationStatus.Submitted or CooperationStatus.Closed)
            return new() { [""] = [text["Cooperation_CannotClose"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.CooperationRequests.FirstAsync(r => r.Id == id, ct);
            var now = time.GetUtcNow();
            row.Status = CooperationStatus.Closed;
            row.ClosedAt = now;
            row.UpdatedAt = now;
            db.CooperationSteps.Add(NewStep(row, CooperationStepKind.Closed, Today, viewer, null, null));
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(CooperationAudit.Closed, s, id));
        }, ct);
        return [];
    }

    /// <summary>
    /// The requests the viewer works on: the Squad's on the files it keeps or supervises (optionally one file), the
    /// Coordinator's those that reached them. No personal data: numbers, countries, authorities, statuses, deadlines.
    /// </summary>
    public async Task<IReadOnlyList<Row>> ListAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid? fileId = null, CancellationToken ct = default)
    {
        var query = await VisibleAsync(viewer, roles, ct);
        if (fileId is { } f)
            query = query.Where(r => r.FileId == f);
        var today = Today;
        var rows = await query.OrderByDescending(r => r.UpdatedAt).Take(500)
            .Join(db.CriminalFiles, r => r.FileId, f => f.Id, (r, f) => new { r, f.Number }).AsNoTracking().ToListAsync(ct);
        return rows.Select(x => new Row(x.r.Id, x.r.Number, x.r.FileId, x.Number, x.r.Country, x.r.Authority, x.r.Status, x.r.Urgency, x.r.Deadline,
            IsOverdue(x.r.Status, x.r.Deadline, today), x.r.UpdatedAt)).ToList();
    }

    /// <summary>Requests waiting for the Coordinator's decision, and those overdue, of what the viewer sees (home panels).</summary>
    public async Task<(IReadOnlyList<Row> Pending, IReadOnlyList<Row> Overdue, IReadOnlyList<Row> Returned)> DueAsync(Viewer viewer, IReadOnlyCollection<string> roles,
        CancellationToken ct = default)
    {
        var rows = await ListAsync(viewer, roles, null, ct);
        var coordinator = await IsCoordinatorAsync(viewer, roles, ct);
        return (coordinator ? rows.Where(r => r.Status == CooperationStatus.Submitted).OrderBy(r => r.Deadline).ToList() : [],
            rows.Where(r => r.Overdue).OrderBy(r => r.Deadline).ToList(),
            coordinator ? [] : rows.Where(r => r.Status == CooperationStatus.Returned).ToList());
    }

    /// <summary>The request as the viewer may see it (the read is audited); null (and the attempt audited) when not visible.</summary>
    public async Task<RequestView?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        if (await StandingOrDeniedAsync(viewer, roles, id, ct) is not { } s)
            return null;
        var r = s.Request;
        var key = await KeyAsync(r.DataKeyId, ct);
        string? Open<T>(T row, System.Linq.Expressions.Expression<Func<T, byte[]?>> p) where T : class => db.Open(row, p, key, r.DataKeyId);
        var fileNumber = await db.CriminalFiles.AsNoTracking().Where(f => f.Id == r.FileId).Select(f => f.Number).FirstAsync(ct);
        var itemRows = await db.CooperationItems.AsNoTracking().Where(i => i.RequestId == id).OrderBy(i => i.AddedAt).ToListAsync(ct);
        var partyIds = itemRows.Where(i => i.PartyId is not null).Select(i => i.PartyId!.Value).ToList();
        // Only the parties named by an item are read; the Squad also gets the file's parties for its picker.
        var parties = await db.FileParties.AsNoTracking().Where(p => s.Squad ? p.FileId == r.FileId : partyIds.Contains(p.Id)).OrderBy(p => p.Role).ThenBy(p => p.AddedAt).ToListAsync(ct);
        var byId = parties.ToDictionary(p => p.Id);
        var items = itemRows.Select(i =>
        {
            IReadOnlyList<FieldValue> values = [];
            if (i.SentValuesEnc is not null)
            {
                var sent = JsonSerializer.Deserialize<Dictionary<string, string?>>(Open(i, x => x.SentValuesEnc) ?? "{}") ?? [];
                values = [.. Chosen(i.Fields).Select(f => new FieldValue(f, sent.GetValueOrDefault(f.ToString())))];
            }
            else if (i.PartyId is { } pid && byId.TryGetValue(pid, out var party))
                values = Values(party, i.Fields, key, r.DataKeyId);
            return new ItemView(i.Id, i.PartyId, i.PartyRole, values, Open(i, x => x.QuestionEnc), Open(i, x => x.JustificationEnc), i.SentValuesEnc is not null);
        }).ToList();
        var stepRows = await db.CooperationSteps.AsNoTracking().Where(x => x.RequestId == id).OrderBy(x => x.RecordedAt).ToListAsync(ct);
        var userIds = stepRows.Select(x => x.RecordedBy).Append(r.DraftedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var institutionIds = new[] { r.SquadInstitutionId, r.PartnerInstitutionId ?? Guid.Empty };
        var institutions = await db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id)).Select(i => new { i.Id, i.Name }).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var steps = stepRows.Select(x => new StepView(x.Kind, x.On, x.RecordedAt, names.GetValueOrDefault(x.RecordedBy, "—"), Open(x, y => y.NoteEnc))).ToList();
        var mayApprove = s.Coordinator && r.Status == CooperationStatus.Submitted && r.DraftedBy != viewer.UserId && r.SubmittedBy != viewer.UserId
            && itemRows.All(i => i.AddedBy != viewer.UserId);
        var choices = s.Squad ? parties.Select(p => new PartyChoice(p.Id, p.Role, Open(p, x => x.NameEnc) ?? "")).ToList() : [];
        await audit.RecordAsync(Record(CooperationAudit.Viewed, s, id), ct);
        return new RequestView(r.Id, r.Number, r.FileId, fileNumber, institutions.GetValueOrDefault(r.SquadInstitutionId, "—"), r.Country, r.Authority,
            r.PartnerInstitutionId is { } partner ? institutions.GetValueOrDefault(partner) : null, r.Channel, r.Assistance, r.Urgency, Open(r, x => x.PurposeEnc),
            r.Deadline, r.Status, r.CreatedAt, names.GetValueOrDefault(r.DraftedBy, "—"), Open(r, x => x.ReturnReasonEnc), r.SentOn, r.OutgoingReference, r.Reply,
            r.RepliedOn, Open(r, x => x.ReplySummaryEnc), r.LastReminderOn, IsOverdue(r.Status, r.Deadline, Today), items, steps, s.Squad, s.Coordinator,
            mayApprove, choices)
        { PartnerInstitutionId = r.PartnerInstitutionId };
    }

    /// <summary>The international partners a request may go through.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> PartnersAsync(CancellationToken ct = default) =>
        (await db.Institutions.AsNoTracking().Where(i => i.IsActive && i.Kind == InstitutionKind.InternationalPartner).OrderBy(i => i.Name)
            .Select(i => new { i.Id, i.Name }).ToListAsync(ct)).Select(i => (i.Id, i.Name)).ToList();

    /// <summary>Whether the viewer may draft a request on the file (the Squad's keepers and chief); null when the file is not visible.</summary>
    public async Task<bool?> MayDraftAsync(Viewer viewer, Guid fileId, CancellationToken ct = default) =>
        await access.RightsAsync(viewer, fileId, ct) is { } rights ? Drafts(rights) : null;

    public static bool IsOverdue(CooperationStatus status, DateOnly deadline, DateOnly today) => Awaiting.Contains(status) && deadline < today;

    /// <summary>The party's chosen fields, in a fixed order, with the values the file holds now.</summary>
    private IReadOnlyList<FieldValue> Values(FileParty party, PartyFields fields, byte[] key, Guid keyId) =>
        [.. Chosen(fields).Select(f => new FieldValue(f, f switch
        {
            PartyFields.Name => db.Open(party, p => p.NameEnc, key, keyId),
            PartyFields.BirthYear => party.BirthYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PartyFields.Sex => party.Sex.ToString(),
            PartyFields.Citizenship => party.Citizenship,
            _ => null,
        }))];

    private static IEnumerable<PartyFields> Chosen(PartyFields fields) =>
        new[] { PartyFields.Name, PartyFields.BirthYear, PartyFields.Sex, PartyFields.Citizenship }.Where(f => fields.HasFlag(f));

    private async Task<IQueryable<CooperationRequest>> VisibleAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        // A read-only grant (a granted connection request) in the Investigator relation keeps nothing: its holder lists no request.
        var squadFiles = access.ActiveGrants(viewer).Where(g => !g.ReadOnly && (g.Relation == Relation.Investigator || g.Relation == Relation.SquadSupervisor)).Select(g => g.FileId);
        if (await IsCoordinatorAsync(viewer, roles, ct))
        {
            var statuses = CoordinatorStatuses;
            return db.CooperationRequests.AsNoTracking().Where(r => (r.SubmittedAt != null && statuses.Contains(r.Status)) || squadFiles.Contains(r.FileId));
        }
        return db.CooperationRequests.AsNoTracking().Where(r => squadFiles.Contains(r.FileId));
    }

    private async Task<Standing?> StandingOrDeniedAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct)
    {
        var request = await db.CooperationRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is not null)
        {
            var rights = await access.RightsAsync(viewer, request.FileId, ct);
            var coordinator = request.SubmittedAt is not null && CoordinatorStatuses.Contains(request.Status) && await IsCoordinatorAsync(viewer, roles, ct);
            var standing = new Standing(request, rights, coordinator);
            if (standing.Squad || standing.Coordinator)
                return standing;
        }
        await audit.RecordAsync(new AuditRecord(CooperationAudit.Denied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, CooperationAudit.Target, id), ct);
        return null;
    }

    /// <summary>The Squad's standing on a request it may still change, or null (not visible, audited); Errors when it may not change it now.</summary>
    private async Task<(Standing? Standing, Dictionary<string, string[]>? Errors)?> SquadEditableAsync(Viewer viewer, Guid id, CancellationToken ct)
    {
        if (await StandingOrDeniedAsync(viewer, [], id, ct) is not { } s)
            return null;
        if (!s.Squad)
            return (s, new() { [""] = [text["Cooperation_SquadOnly"]] });
        if (s.Request.Status is not (CooperationStatus.Draft or CooperationStatus.Returned))
            return (s, new() { [""] = [text["Cooperation_NotEditable"]] });
        return (s, null);
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(DraftInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var country = NullIfEmpty(input.Country)?.ToUpperInvariant();
        if (country is null || country.Length != 3 || !Countries.IsKnown(country))
            errors[nameof(DraftInput.Country)] = [text["Cooperation_CountryRequired"]];
        else
            input.Country = country;
        var authority = input.Authority?.Trim();
        if (string.IsNullOrEmpty(authority))
            errors[nameof(DraftInput.Authority)] = [text["Cooperation_AuthorityRequired"]];
        else if (authority.Length > 200)
            errors[nameof(DraftInput.Authority)] = [text["Validation_TooLong", 200]];
        if (input.PartnerInstitutionId is { } partner
            && !await db.Institutions.AnyAsync(i => i.Id == partner && i.IsActive && i.Kind == InstitutionKind.InternationalPartner, ct))
            errors[nameof(DraftInput.PartnerInstitutionId)] = [text["Cooperation_PartnerInvalid"]];
        if (input.Channel is not { } channel || !Enum.IsDefined(channel))
            errors[nameof(DraftInput.Channel)] = [text["Cooperation_ChannelRequired"]];
        if (input.Assistance is not { } assistance || !Enum.IsDefined(assistance))
            errors[nameof(DraftInput.Assistance)] = [text["Cooperation_AssistanceRequired"]];
        if (input.Urgency is not { } urgency || !Enum.IsDefined(urgency))
            errors[nameof(DraftInput.Urgency)] = [text["Cooperation_UrgencyRequired"]];
        var purpose = input.Purpose?.Trim();
        if (string.IsNullOrEmpty(purpose))
            errors[nameof(DraftInput.Purpose)] = [text["Cooperation_PurposeRequired"]];
        else if (purpose.Length > MaxText)
            errors[nameof(DraftInput.Purpose)] = [text["Validation_TooLong", MaxText]];
        if (input.Deadline is not { } deadline || deadline < Today || deadline > Today.AddYears(2))
            errors[nameof(DraftInput.Deadline)] = [text["Cooperation_DeadlineInvalid"]];
        return errors;
    }

    private Dictionary<string, string[]> ValidateItem(ItemInput input, Dictionary<Guid, PartyRole> parties, IEnumerable<Guid?> present)
    {
        input.Fields ??= [];
        var errors = new Dictionary<string, string[]>();
        var question = input.Question?.Trim();
        if (input.PartyId is null && string.IsNullOrEmpty(question))
            errors[nameof(ItemInput.PartyId)] = [text["Cooperation_ItemEmpty"]];
        else if (input.PartyId is { } pid)
        {
            if (!string.IsNullOrEmpty(question))
                errors[nameof(ItemInput.Question)] = [text["Cooperation_ItemOneThing"]];
            if (!parties.TryGetValue(pid, out var role))
                errors[nameof(ItemInput.PartyId)] = [text["Cooperation_PartyInvalid"]];
            else
            {
                if (present.Contains(pid))
                    errors[nameof(ItemInput.PartyId)] = [text["Cooperation_PartyAlreadyIn"]];
                var justification = input.Justification?.Trim();
                if (role == PartyRole.Victim && string.IsNullOrEmpty(justification))
                    errors[nameof(ItemInput.Justification)] = [text["Cooperation_VictimJustification"]];
                else if (justification?.Length > 500)
                    errors[nameof(ItemInput.Justification)] = [text["Validation_TooLong", 500]];
            }
            var fields = input.Fields.Aggregate(PartyFields.None, (a, f) => a | f);
            if (fields == PartyFields.None || input.Fields.Any(f => !Chosen(PartyFields.Name | PartyFields.BirthYear | PartyFields.Sex | PartyFields.Citizenship).Contains(f)))
                errors[nameof(ItemInput.Fields)] = [text["Cooperation_FieldsRequired"]];
        }
        else if (question!.Length > MaxText)
            errors[nameof(ItemInput.Question)] = [text["Validation_TooLong", MaxText]];
        else if (input.Fields.Count > 0 || !string.IsNullOrWhiteSpace(input.Justification))
            errors[nameof(ItemInput.Fields)] = [text["Cooperation_ItemOneThing"]];
        return errors;
    }

    private void Apply(CooperationRequest row, DraftInput input, byte[] key)
    {
        row.Country = input.Country!;
        row.Authority = input.Authority!.Trim();
        row.PartnerInstitutionId = input.PartnerInstitutionId;
        row.Channel = input.Channel!.Value;
        row.Assistance = input.Assistance!.Value;
        row.Urgency = input.Urgency!.Value;
        row.Deadline = input.Deadline!.Value;
        row.PurposeEnc = db.Seal(row, r => r.PurposeEnc, input.Purpose!.Trim(), key, row.DataKeyId);
    }

    private CooperationItem NewItem(CooperationRequest row, ItemInput input, Dictionary<Guid, PartyRole> parties, byte[] key, Viewer viewer, DateTimeOffset now)
    {
        var item = new CooperationItem
        {
            RequestId = row.Id,
            PartyId = input.PartyId,
            PartyRole = input.PartyId is { } pid ? parties[pid] : null,
            Fields = input.PartyId is null ? PartyFields.None : input.Fields.Aggregate(PartyFields.None, (a, f) => a | f),
            AddedAt = now,
            AddedBy = viewer.UserId,
        };
        item.QuestionEnc = db.Seal(item, i => i.QuestionEnc, input.PartyId is null ? NullIfEmpty(input.Question) : null, key, row.DataKeyId);
        item.JustificationEnc = db.Seal(item, i => i.JustificationEnc, input.PartyId is null ? null : NullIfEmpty(input.Justification), key, row.DataKeyId);
        return item;
    }

    private CooperationStep NewStep(CooperationRequest row, CooperationStepKind kind, DateOnly on, Viewer viewer, string? note, byte[]? key)
    {
        var step = new CooperationStep { RequestId = row.Id, Kind = kind, On = on, RecordedAt = time.GetUtcNow(), RecordedBy = viewer.UserId };
        if (note is not null && key is not null)
            step.NoteEnc = db.Seal(step, s => s.NoteEnc, note, key, row.DataKeyId);
        return step;
    }

    private static AuditRecord Record(AuditAction action, Standing s, Guid id) =>
        new(action, TargetType: CooperationAudit.Target, TargetId: id, Relation: s.Relation, Purpose: s.Purpose);

    private Task FileDeniedAsync(Viewer viewer, Guid fileId, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(InvestigationAudit.FileDenied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, InvestigationAudit.File, fileId), ct);

    private async Task<byte[]> KeyAsync(Guid keyId, CancellationToken ct) =>
        await dataKeys.UnwrapAsync(keyId, ct) ?? throw new InvalidOperationException("The file's key is gone.");

    private DateOnly Today => uiTime.Today;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
