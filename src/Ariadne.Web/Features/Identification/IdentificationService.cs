using System.Text.Json;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Identification;

/// <summary>
/// Screening against the structured indicators, and the formal identification decision (HTCDS:
/// Possible → Actual or Not a victim). The indicators give a suggestion, never a verdict. Which kinds
/// of institution may decide is set per deployment (Identification:DecidingKinds; the Squad by default,
/// as the plan sets out; NGOs, social services or health workers where the deployment authorises them).
/// Nothing here asks whether the person cooperates with the police: identification never depends on it.
/// </summary>
public sealed class IdentificationService(
    AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditTrail audit, AuditedWrites writes, PersonVault vault, TimeProvider time, UiTime uiTime,
    IOptionsSnapshot<IdentificationOptions> options, IStringLocalizer<SharedResource> text, CaseHeaders headers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed class ScreeningInput
    {
        public List<string> ForcedLabour { get; set; } = [];
        public List<string> Operational { get; set; } = [];
        public string? Notes { get; set; }
    }

    public sealed class DecisionInput
    {
        public TraffickingStatus? Status { get; set; }
        public DateOnly? DecidedOn { get; set; }
        public string? Rationale { get; set; }
        /// <summary>A negative decision ("Not a victim") is recorded only when the officer has confirmed it.</summary>
        public bool Confirmed { get; set; }
    }

    /// <summary>The error key of a negative decision that is valid but not yet confirmed.</summary>
    public const string NeedsConfirmation = nameof(DecisionInput.Confirmed);

    public sealed record DecisionRow(Guid Id, TraffickingStatus Status, DecidingBody Body, string Institution, string DecidedBy, DateOnly DecidedOn,
        DateTimeOffset RecordedAt, string? Rationale, bool IsReview);

    public sealed record State(Guid CaseId, string Number, bool IsMinor, TraffickingStatus Status, bool Decided, DateOnly? ReflectionStartsOn,
        DateOnly? ReflectionEndsOn, CaseRights Rights, ScreeningContent? Screening, DateTimeOffset? ScreenedAt, Indicators.Suggestion? Suggestion,
        IReadOnlyList<DecisionRow> Decisions, bool CanScreen, bool CanDecide, bool ScreeningNeedsReview = false, CaseHeader? Header = null)
    {
        /// <summary>A child is treated as a presumed victim until a decision is made.</summary>
        public bool PresumedChildVictim => IsMinor && !Decided;
    }

    public int ReflectionDays => options.Value.ReflectionDays;

    /// <summary>Institution kinds a deployment authorises to make formal identification decisions.</summary>
    public IReadOnlySet<InstitutionKind> DecidingKinds() => options.Value.Deciding;

    /// <summary>HTCDS "who identified", from the deciding institution's kind.</summary>
    public static DecidingBody BodyOf(InstitutionKind kind) => kind switch
    {
        InstitutionKind.AntiTraffickingSquad or InstitutionKind.Police or InstitutionKind.BorderService or InstitutionKind.SecurityService
            or InstitutionKind.SecurityPolice => DecidingBody.Police,
        InstitutionKind.Prosecution or InstitutionKind.Court => DecidingBody.CourtOrProsecution,
        InstitutionKind.Shelter or InstitutionKind.ServiceProvider or InstitutionKind.Helpline or InstitutionKind.InternationalPartner => DecidingBody.Ngo,
        _ => DecidingBody.OtherGovernment,
    };

    public Task<State?> ReadAsync(Viewer viewer, Guid caseId, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var rights = await access.RightsAsync(viewer, caseId, ct);
            if (rights is null)
                return new Audited<State?>(null, AuditRecords.CaseDenied(viewer, caseId, IdentificationAudit.View));
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct);
            var investigation = rights.CanRead(DataClass.Investigation) && key is not null;

            ScreeningContent? screening = null;
            DateTimeOffset? screenedAt = null;
            var needsReview = false;
            if (investigation)
            {
                var latest = await db.Screenings.AsNoTracking().Where(s => s.CaseId == caseId).OrderByDescending(s => s.RecordedAt).FirstOrDefaultAsync(ct);
                if (latest is not null)
                {
                    screening = JsonSerializer.Deserialize<ScreeningContent>(
                        db.Open(latest, s => s.ContentEnc, key!, c.Person.DataKeyId) ?? "{}", Json);
                    screenedAt = latest.RecordedAt;
                    needsReview = latest.NeedsReview;
                }
            }
            var rows = await (from d in db.IdentificationDecisions.AsNoTracking()
                              where d.CaseId == caseId
                              join u in db.Users on d.DecidedBy equals u.Id
                              join i in db.Institutions on d.DecidingInstitutionId equals i.Id
                              orderby d.RecordedAt descending
                              select new { d, User = u.DisplayName, Institution = i.Name }).ToListAsync(ct);
            var decisions = rows.Select(r => new DecisionRow(r.d.Id, r.d.Status, r.d.Body, r.Institution, r.User, r.d.DecidedOn, r.d.RecordedAt,
                investigation ? db.Open(r.d, d => d.RationaleEnc, key!, c.Person.DataKeyId) : null,
                r.d.SupersedesId is not null)).ToList();
            var state = new State(c.Id, c.Number, c.IsMinor, c.TraffickingStatus, decisions.Count > 0, c.ReflectionStartsOn, c.ReflectionEndsOn, rights,
                screening, screenedAt, screening is null ? null : Indicators.Suggest(screening.Operational, c.IsMinor), decisions,
                !rights.IsBreakGlass && rights.CanWrite(DataClass.Investigation) && key is not null,
                key is not null && await MayDecideAsync(viewer, caseId, rights, ct), needsReview,
                await headers.BuildAsync(c, rights, CaseTab.Identification, ct));
            return new Audited<State?>(state, new AuditRecord(CasesAudit.CaseViewed,
                TargetType: AuditTarget.Case, TargetId: caseId, CaseId: caseId, Relation: rights.Through, Purpose: IdentificationAudit.View));
        }, ct);

    private async Task<Dictionary<string, string[]>?> DeniedAsync(Viewer viewer, Guid caseId, AuditPurpose purpose, CancellationToken ct)
    {
        await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, purpose), ct);
        return null;
    }

    private async Task<bool> MayDecideAsync(Viewer viewer, Guid caseId, CaseRights rights, CancellationToken ct)
    {
        if (rights.IsBreakGlass)
            return false;
        var kind = await db.Institutions.Where(i => i.Id == viewer.InstitutionId).Select(i => i.Kind).FirstAsync(ct);
        if (!DecidingKinds().Contains(kind))
            return false;
        var relations = await access.ActiveGrants(viewer).Where(g => g.CaseId == caseId).Select(g => g.Relation).ToListAsync(ct);
        // A relation that works on the case; supervision, the referrer's view and the information grants (the Coordinator's, a released request's) do not decide.
        return relations.Any(r => r is not Relation.Referrer and not Relation.CoordinatorInformation and not Relation.SquadSupervisor and not Relation.InformationRequest);
    }

    public async Task<Dictionary<string, string[]>?> ScreenAsync(Viewer viewer, Guid caseId, ScreeningInput input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
            return await DeniedAsync(viewer, caseId, IdentificationAudit.Screen, ct);
        var errors = new Dictionary<string, string[]>();
        if (rights.IsBreakGlass || !rights.CanWrite(DataClass.Investigation))
        {
            errors[string.Empty] = [text["Case_NotWritable"]];
            return errors;
        }
        if (await access.IsErasedAsync(caseId, ct))
        {
            errors[string.Empty] = [text["Case_Erased"]];
            return errors;
        }
        var forced = input.ForcedLabour.Distinct(StringComparer.Ordinal).ToList();
        var operational = input.Operational.Distinct(StringComparer.Ordinal).ToList();
        if (forced.Any(c => !Indicators.IsForcedLabour(c)))
            errors[nameof(ScreeningInput.ForcedLabour)] = [text["Validation_ValueInvalid"]];
        if (operational.Any(c => Indicators.Find(c) is null))
            errors[nameof(ScreeningInput.Operational)] = [text["Validation_ValueInvalid"]];
        if (forced.Count == 0 && operational.Count == 0 && string.IsNullOrWhiteSpace(input.Notes))
            errors[nameof(ScreeningInput.ForcedLabour)] = [text["Screening_Empty"]];
        if (input.Notes?.Trim().Length > 4000)
            errors[nameof(ScreeningInput.Notes)] = [text["Validation_TooLong", 4000]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct) ?? throw new InvalidOperationException("Erased.");
            var screening = new Screening { CaseId = caseId, RecordedAt = time.GetUtcNow(), RecordedBy = viewer.UserId, InstitutionId = viewer.InstitutionId };
            var content = new ScreeningContent(forced, operational, string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim());
            screening.ContentEnc = vault.Seal(screening, s => s.ContentEnc, JsonSerializer.Serialize(content, Json), key, c.Person.DataKeyId);
            db.Screenings.Add(screening);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(IdentificationAudit.ScreeningRecorded,
                TargetType: IdentificationAudit.Screening, TargetId: screening.Id, CaseId: caseId, Relation: rights.Through, Purpose: IdentificationAudit.Screen));
        }, ct);
        return errors;
    }

    public async Task<Dictionary<string, string[]>?> DecideAsync(Viewer viewer, Guid caseId, DecisionInput input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
            return await DeniedAsync(viewer, caseId, IdentificationAudit.Decide, ct);
        var errors = new Dictionary<string, string[]>();
        if (!await MayDecideAsync(viewer, caseId, rights, ct))
        {
            errors[string.Empty] = [text["Decision_NotAuthorised"]];
            return errors;
        }
        if (await access.IsErasedAsync(caseId, ct))
        {
            errors[string.Empty] = [text["Case_Erased"]];
            return errors;
        }
        var today = uiTime.Today;
        if (input.Status is not { } status || !Enum.IsDefined(status))
            errors[nameof(DecisionInput.Status)] = [text["Decision_StatusRequired"]];
        if (input.DecidedOn is not { } on)
            errors[nameof(DecisionInput.DecidedOn)] = [text["Validation_Required"]];
        else if (on > today || on < today.AddYears(-5))
            errors[nameof(DecisionInput.DecidedOn)] = [text["Decision_DateInvalid"]];
        var rationale = input.Rationale?.Trim();
        if (string.IsNullOrEmpty(rationale) || rationale.Length < 20)
            errors[nameof(DecisionInput.Rationale)] = [text["Decision_RationaleRequired", 20]];
        else if (rationale.Length > 4000)
            errors[nameof(DecisionInput.Rationale)] = [text["Validation_TooLong", 4000]];
        if (errors.Count == 0 && input.Status == TraffickingStatus.NotAVictim && !input.Confirmed)
            errors[NeedsConfirmation] = [text["Decision_ConfirmNegative"]];
        if (errors.Count > 0)
            return errors;

        var kind = await db.Institutions.Where(i => i.Id == viewer.InstitutionId).Select(i => i.Kind).FirstAsync(ct);
        await writes.RunAsync(viewer, async ct =>
        {
            var c = await db.Cases.Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct) ?? throw new InvalidOperationException("Erased.");
            var previous = await db.IdentificationDecisions.Where(d => d.CaseId == caseId).OrderByDescending(d => d.RecordedAt).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
            var decision = new IdentificationDecision
            {
                CaseId = caseId,
                Status = input.Status!.Value,
                Body = BodyOf(kind),
                DecidingInstitutionId = viewer.InstitutionId,
                DecidedBy = viewer.UserId,
                DecidedOn = input.DecidedOn!.Value,
                RecordedAt = time.GetUtcNow(),
                SupersedesId = previous,
            };
            decision.RationaleEnc = vault.Seal(decision, d => d.RationaleEnc, rationale, key, c.Person.DataKeyId);
            db.IdentificationDecisions.Add(decision);
            c.TraffickingStatus = decision.Status;
            // The recovery and reflection period starts at identification and runs its course once started.
            if (decision.Status != TraffickingStatus.NotAVictim && c.ReflectionStartsOn is null)
            {
                c.ReflectionStartsOn = decision.DecidedOn;
                c.ReflectionEndsOn = decision.DecidedOn.AddDays(ReflectionDays);
            }
            c.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(IdentificationAudit.IdentificationDecided,
                TargetType: IdentificationAudit.Decision, TargetId: decision.Id, CaseId: caseId, Relation: rights.Through,
                Purpose: (previous is null ? IdentificationAudit.Decide : IdentificationAudit.Review).For(decision.Status)));
        }, ct);
        return errors;
    }
}
