using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// Life in the shelter during a stay, which is never confinement (plan §6): comings and goings recorded neutrally, the
/// house rules acknowledged in the resident's language, the conditions attached to the stay (never cooperation with the
/// investigation: <see cref="AssistanceConditions"/>), the one-time complaint code for the welcome sheet, and complaints
/// recorded by a worker outside the shelter. Movements, acknowledgement, conditions and the code are the current stay's
/// shelter staff's (the shelter relation, their institution); a complaint is anyone else's with a role on the case.
/// </summary>
public sealed class ResidentService(
    AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditedWrites writes, AuditTrail audit, AssistanceConditions conditions,
    ComplaintService complaints, UiTime uiTime, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    public const int MaxNote = 1000;

    /// <summary>The languages house rules are kept in.</summary>
    public static readonly string[] RuleLanguages = ["az", "ru", "en"];

    public sealed record MovementRow(MovementDirection Direction, DateTimeOffset At, string? Note);

    public sealed record Life(bool Own, bool CanWriteCare, IReadOnlyList<MovementRow> Movements, IReadOnlyList<string> RuleLanguages,
        string? AcknowledgedIn, DateTimeOffset? AcknowledgedAt, IReadOnlyList<AssistanceCondition> Conditions, bool CanComplain);

    public sealed class MovementInput
    {
        public MovementDirection? Direction { get; set; }
        public DateOnly? On { get; set; }
        /// <summary>The local time (Baku), "HH:mm".</summary>
        public string? Time { get; set; }
        public string? Note { get; set; }
    }

    public sealed class AcknowledgeInput
    {
        public string? Language { get; set; }
    }

    public sealed class ConditionsInput
    {
        public List<string?> Conditions { get; set; } = [];
    }

    public sealed class ComplaintInput
    {
        public string? Text { get; set; }
    }

    private sealed record Context(CaseRights Rights, Placement Stay, Shelter Shelter, bool Own);

    /// <summary>The case's open stay and whether the viewer is its shelter's staff. Null when the case is not visible (audited) or there is no stay.</summary>
    private async Task<(CaseRights? Rights, Context? Context)> ContextAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, AuditPurpose purpose, CancellationToken ct)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, purpose), ct);
            return (null, null);
        }
        var open = await (from p in db.Placements.AsNoTracking()
                          where p.CaseId == caseId && p.DischargedAt == null
                          join s in db.Shelters.AsNoTracking() on p.ShelterId equals s.Id
                          select new { p, s }).FirstOrDefaultAsync(ct);
        if (open is null)
            return (rights, null);
        // The one predicate for the shelter's side: the shelter relation on the case, a shelter role, and the stay's own institution.
        var own = PlacementService.ShelterSide(rights, roles) && open.s.InstitutionId == viewer.InstitutionId;
        return (rights, new Context(rights, open.p, open.s, own));
    }

    /// <summary>A complaint bypasses the shelter: anyone with a role on the case (not break-glass) but that shelter's staff.</summary>
    private static bool MayComplain(Context c, Viewer viewer) => !c.Rights.IsBreakGlass && c.Shelter.InstitutionId != viewer.InstitutionId;

    /// <summary>What the viewer may see of the current stay's life. Movements only for the shelter's staff. Null when there is nothing for them.</summary>
    public async Task<Life?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, CancellationToken ct = default)
    {
        var (_, c) = await ContextAsync(viewer, roles, caseId, AccommodationAudit.ResidentLife, ct);
        if (c is null)
            return null;
        var languages = RuleLanguages.Where(l => c.Shelter.HouseRules(l) is not null).ToList();
        var stayConditions = AssistanceConditions.Split(c.Stay.Conditions);
        // The acknowledgement and the stay's conditions are the stay's shelter staff's to read (need-to-know: Shelter life); others see only whether they may complain.
        if (!c.Own)
            return new Life(false, false, [], [], null, null, [], MayComplain(c, viewer));
        return await writes.RunAsync(viewer, async ct =>
        {
            var rows = await db.Movements.AsNoTracking().Where(m => m.PlacementId == c.Stay.Id).OrderByDescending(m => m.At).Take(100).ToListAsync(ct);
            var keyId = await db.Cases.Where(x => x.Id == caseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
            var key = c.Rights.CanRead(DataClass.Care) ? await dataKeys.UnwrapAsync(keyId, ct) : null;
            var movements = rows.Select(m => new MovementRow(m.Direction, m.At, key is null ? null : db.Open(m, x => x.NoteEnc, key, keyId))).ToList();
            var life = new Life(true, c.Rights.CanWrite(DataClass.Care), movements, languages, c.Stay.HouseRulesLanguage, c.Stay.HouseRulesAcknowledgedAt, stayConditions, false);
            return new Audited<Life?>(life, new AuditRecord(AccommodationAudit.ResidentViewed, TargetType: AccommodationAudit.Placement, TargetId: c.Stay.Id,
                CaseId: caseId, Relation: c.Rights.Through, Purpose: AccommodationAudit.ResidentLife));
        }, ct);
    }

    /// <summary>Records that the resident went out or came back. Shelter staff of the stay only; errors by field; null when the case is not visible.</summary>
    public async Task<Dictionary<string, string[]>?> RecordMovementAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, MovementInput input, CancellationToken ct = default)
    {
        var (rights, c) = await ContextAsync(viewer, roles, caseId, AccommodationAudit.ResidentLife, ct);
        if (rights is null)
            return null;
        if (c is not { Own: true })
            return await RefusedAsync(viewer, caseId, AccommodationAudit.MovementRecorded);
        var errors = new Dictionary<string, string[]>();
        if (input.Direction is not { } direction || !Enum.IsDefined(direction))
            errors[nameof(MovementInput.Direction)] = [text["Movement_DirectionRequired"]];
        DateTimeOffset? at = null;
        if (input.On is not { } on)
            errors[nameof(MovementInput.On)] = [text["Movement_DateRequired"]];
        else if (!TimeOnly.TryParseExact(input.Time?.Trim(), ["HH:mm", "H:mm"], out var clock))
            errors[nameof(MovementInput.Time)] = [text["Movement_TimeRequired"]];
        else if (on < uiTime.DayOf(c.Stay.AdmittedAt).AddDays(-1) || on > uiTime.Today.AddDays(1))
            errors[nameof(MovementInput.Time)] = [text["Movement_TimeInvalid"]]; // before the stay or after today (and never at the calendar's ends, where the offset overflows)
        else
        {
            var local = on.ToDateTime(clock);
            at = new DateTimeOffset(local, uiTime.Zone.GetUtcOffset(local)).ToUniversalTime(); // PostgreSQL keeps UTC only
            if (at > time.GetUtcNow().AddMinutes(5) || at < c.Stay.AdmittedAt.AddMinutes(-5))
                errors[nameof(MovementInput.Time)] = [text["Movement_TimeInvalid"]];
        }
        var note = input.Note?.Trim() ?? "";
        if (note.Length > MaxNote)
            errors[nameof(MovementInput.Note)] = [text["Validation_TooLong", MaxNote]];
        else if (note.Length > 0 && !rights.CanWrite(DataClass.Care))
            errors[nameof(MovementInput.Note)] = [text["Case_NotWritable"]];
        if (errors.Count > 0)
            return errors;
        return await writes.RunAsync(viewer, async ct =>
        {
            var movement = new Movement { PlacementId = c.Stay.Id, CaseId = caseId, Direction = input.Direction!.Value, At = at!.Value, RecordedBy = viewer.UserId };
            if (note.Length > 0)
            {
                var keyId = await db.Cases.Where(x => x.Id == caseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
                var key = await dataKeys.UnwrapAsync(keyId, ct) ?? throw new InvalidOperationException("The person's key is gone.");
                movement.NoteEnc = db.Seal(movement, m => m.NoteEnc, note, key, keyId);
            }
            db.Movements.Add(movement);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.MovementRecorded, TargetType: AccommodationAudit.Movement,
                TargetId: movement.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.ResidentLife));
        }, ct);
    }

    /// <summary>Records that the resident acknowledged the house rules in a language the shelter has them in. Shelter staff of the stay only.</summary>
    public async Task<Dictionary<string, string[]>?> AcknowledgeAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, AcknowledgeInput input, CancellationToken ct = default)
    {
        var (rights, c) = await ContextAsync(viewer, roles, caseId, AccommodationAudit.ResidentLife, ct);
        if (rights is null)
            return null;
        if (c is not { Own: true })
            return await RefusedAsync(viewer, caseId, AccommodationAudit.HouseRulesAcknowledged);
        var language = input.Language?.Trim().ToLowerInvariant();
        if (!RuleLanguages.Contains(language) || c.Shelter.HouseRules(language) is null)
            return new() { [nameof(AcknowledgeInput.Language)] = [text["HouseRules_LanguageMissing"]] };
        return await writes.RunAsync(viewer, async ct =>
        {
            var stay = await db.Placements.FirstAsync(p => p.Id == c.Stay.Id, ct);
            (stay.HouseRulesLanguage, stay.HouseRulesAcknowledgedAt, stay.HouseRulesAcknowledgedBy) = (language, time.GetUtcNow(), viewer.UserId);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.HouseRulesAcknowledged, TargetType: AccommodationAudit.Placement,
                TargetId: stay.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.HouseRules));
        }, ct);
    }

    /// <summary>
    /// Sets the conditions attached to the stay, from the allowed list only. A condition of cooperating with the
    /// investigation is refused, nothing is saved, and the attempt is flagged to oversight (<see cref="AssistanceConditions"/>).
    /// Anyone on the case is checked by the rule before the role is, so a forged post is flagged whoever sends it.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> SetConditionsAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, ConditionsInput input, CancellationToken ct = default)
    {
        var (rights, c) = await ContextAsync(viewer, roles, caseId, AccommodationAudit.Conditions, ct);
        if (rights is null)
            return null;
        if (await conditions.RefuseConditionalAsync(viewer, caseId, nameof(ConditionsInput.Conditions), input.Conditions, AccommodationAudit.Conditions, ct) is { } refused)
            return refused;
        if (c is not { Own: true })
            return await RefusedAsync(viewer, caseId, AccommodationAudit.ConditionsSet);
        var allowed = AssistanceConditions.Judge(input.Conditions).Conditions;
        return await writes.RunAsync(viewer, async ct =>
        {
            var stay = await db.Placements.FirstAsync(p => p.Id == c.Stay.Id, ct);
            stay.Conditions = AssistanceConditions.Join(allowed);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.ConditionsSet, TargetType: AccommodationAudit.Placement,
                TargetId: stay.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Conditions));
        }, ct);
    }

    /// <summary>
    /// Issues a new one-time complaint code for the resident's welcome sheet (any earlier code stops working). Only its hash
    /// is kept; the code is shown once. Shelter staff of the stay only; null otherwise.
    /// </summary>
    public async Task<string?> IssueCodeAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, CancellationToken ct = default)
    {
        var (rights, c) = await ContextAsync(viewer, roles, caseId, AccommodationAudit.Complain, ct);
        if (rights is null || c is not { Own: true })
            return null;
        var code = ComplaintService.NewCode();
        return await writes.RunAsync(viewer, async ct =>
        {
            var stay = await db.Placements.FirstAsync(p => p.Id == c.Stay.Id, ct);
            stay.ComplaintCodeHash = ComplaintService.Hash(code);
            await db.SaveChangesAsync(ct);
            return new Audited<string?>(code, new AuditRecord(AccommodationAudit.ComplaintCodeIssued, TargetType: AccommodationAudit.Placement,
                TargetId: stay.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Complain));
        }, ct);
    }

    /// <summary>Records the resident's complaint on their behalf: anyone with a role on the case but the shelter's staff. It goes to oversight only.</summary>
    public async Task<Dictionary<string, string[]>?> ComplainAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, ComplaintInput input, CancellationToken ct = default)
    {
        var (rights, c) = await ContextAsync(viewer, roles, caseId, AccommodationAudit.Complain, ct);
        if (rights is null)
            return null;
        if (c is null || !MayComplain(c, viewer))
            return await RefusedAsync(viewer, caseId, AccommodationAudit.ComplaintReceived);
        if (ComplaintService.Validate(input.Text, text) is { } error)
            return new() { [nameof(ComplaintInput.Text)] = [error] };
        return await writes.RunAsync(viewer, async ct =>
        {
            var complaint = complaints.Add(c.Stay, ComplaintChannel.Worker, viewer.UserId, input.Text!.Trim());
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.ComplaintReceived, TargetType: AccommodationAudit.Complaint,
                TargetId: complaint.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Complain));
        }, ct);
    }

    private async Task<Dictionary<string, string[]>?> RefusedAsync(Viewer viewer, Guid caseId, AuditAction action)
    {
        // Not the viewer's to do on this stay: refused like a case they cannot see (the page answers 404), and audited.
        await audit.RecordAsync(new AuditRecord(action, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, AuditTarget.Case, caseId, caseId, null, AccommodationAudit.ResidentLife));
        return null;
    }
}
