using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// The child status of a case. It is derived: a date of birth under 18 (today, by the clock) makes the
/// person a child, anyone may mark a person as a child, and only an age assessment recorded here — by
/// the case's investigator or the Squad's supervisor, with a rationale, audited — may say otherwise.
/// When a case becomes a child's, institution-wide grants other than the Squad's supervision end.
/// </summary>
public sealed class AgeAssessmentService(AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditTrail audit, AuditedWrites writes, PersonVault vault, TimeProvider time, UiTime uiTime,
    IStringLocalizer<SharedResource> text)
{
    public const int MinRationale = 20;

    /// <summary>The relations allowed to record an age assessment.</summary>
    public static readonly Relation[] AssessorRelations = [Relation.Investigator, Relation.SquadSupervisor];

    public sealed class Input
    {
        public AgeOutcome? Outcome { get; set; }
        public AgeMethod? Method { get; set; }
        public DateOnly? AssessedOn { get; set; }
        public string? Rationale { get; set; }
    }

    public sealed record Row(Guid Id, AgeOutcome Outcome, AgeMethod Method, DateOnly AssessedOn, string? Rationale, DateTimeOffset RecordedAt, string By);

    public sealed record State(Guid CaseId, string Number, bool IsMinor, bool CanAssess, IReadOnlyList<Row> History);

    /// <summary>Whether an outcome leaves the person treated as a child.</summary>
    public static bool IsChildOutcome(AgeOutcome outcome) => outcome != AgeOutcome.Adult;

    /// <summary>Whether the viewer may record an assessment on this case (not through break-glass).</summary>
    public Task<bool> CanAssessAsync(Viewer viewer, Guid caseId, CancellationToken ct = default) =>
        access.ActiveGrants(viewer).AnyAsync(g => g.CaseId == caseId && AssessorRelations.Contains(g.Relation), ct);

    /// <summary>The case's assessments, newest first, or null (404) if the viewer cannot see the case — audited either way.</summary>
    public Task<State?> ReadAsync(Viewer viewer, Guid caseId, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var rights = await access.RightsAsync(viewer, caseId, ct);
            if (rights is null)
                return new Audited<State?>(null, AuditRecords.CaseDenied(viewer, caseId, CasesAudit.AgeView));
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            // The rationale is about the person: readable with the Identity class.
            var key = rights.CanRead(DataClass.Identity) ? await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct) : null;
            var rows = await (from a in db.AgeAssessments.AsNoTracking()
                              where a.CaseId == caseId
                              join u in db.Users on a.RecordedBy equals u.Id
                              orderby a.RecordedAt descending
                              select new { a, u.DisplayName }).ToListAsync(ct);
            var history = rows.Select(r => new Row(r.a.Id, r.a.Outcome, r.a.Method, r.a.AssessedOn,
                key is null ? null : db.Open(r.a, a => a.RationaleEnc, key, c.Person!.DataKeyId),
                r.a.RecordedAt, r.DisplayName)).ToList();
            var canAssess = !rights.IsBreakGlass && await CanAssessAsync(viewer, caseId, ct);
            return new Audited<State?>(new State(c.Id, c.Number, c.IsMinor, canAssess, history), new AuditRecord(CasesAudit.CaseViewed,
                TargetType: AuditTarget.Case, TargetId: caseId, CaseId: caseId, Relation: rights.Through, Purpose: CasesAudit.AgeView));
        }, ct);

    /// <summary>
    /// Records an assessment and sets the case's child flag from its outcome. Null: the case is not
    /// visible (404). Otherwise the errors by field, empty when recorded.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> RecordAsync(Viewer viewer, Guid caseId, Input input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, CasesAudit.AgeAssess), ct);
            return null;
        }
        var errors = new Dictionary<string, string[]>();
        if (rights.IsBreakGlass || !await CanAssessAsync(viewer, caseId, ct))
        {
            await audit.RecordAsync(new AuditRecord(CasesAudit.AgeAssessed, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                AuditTarget.Case, caseId, caseId, rights.Through, CasesAudit.AgeAssess), ct);
            errors[string.Empty] = [text["Age_NotAllowed"]];
            return errors;
        }
        if (await access.IsErasedAsync(caseId, ct))
        {
            errors[string.Empty] = [text["Case_Erased"]];
            return errors;
        }
        var today = uiTime.Today;
        if (input.Outcome is not { } outcome || !Enum.IsDefined(outcome))
            errors[nameof(Input.Outcome)] = [text["Validation_ValueInvalid"]];
        if (input.Method is not { } method || !Enum.IsDefined(method))
            errors[nameof(Input.Method)] = [text["Validation_ValueInvalid"]];
        if (input.AssessedOn is not { } on || on > today || on < today.AddYears(-5))
            errors[nameof(Input.AssessedOn)] = [text["Age_DateInvalid"]];
        var rationale = input.Rationale?.Trim() ?? "";
        if (rationale.Length < MinRationale)
            errors[nameof(Input.Rationale)] = [text["Age_RationaleShort", MinRationale]];
        else if (rationale.Length > 4000)
            errors[nameof(Input.Rationale)] = [text["Validation_TooLong", 4000]];
        if (errors.Count > 0)
            return errors;

        await writes.RunAsync(viewer, async ct =>
        {
            var c = await db.Cases.Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct) ?? throw new InvalidOperationException("Erased.");
            var now = time.GetUtcNow();
            var assessment = new AgeAssessment
            {
                CaseId = caseId,
                Outcome = input.Outcome!.Value,
                Method = input.Method!.Value,
                AssessedOn = input.AssessedOn!.Value,
                RecordedAt = now,
                RecordedBy = viewer.UserId,
            };
            assessment.RationaleEnc = vault.Seal(assessment, a => a.RationaleEnc, rationale, key, c.Person.DataKeyId);
            db.AgeAssessments.Add(assessment);
            if (IsChildOutcome(assessment.Outcome))
                await MakeChildAsync(db, audit, c, viewer, now, ct);
            else
                c.IsMinor = false;
            c.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(CasesAudit.AgeAssessed,
                TargetType: CasesAudit.Assessment, TargetId: assessment.Id, CaseId: caseId, Relation: rights.Through,
                Purpose: CasesAudit.AgeAssess.For(assessment.Outcome)));
        }, ct);
        return errors;
    }

    /// <summary>
    /// Marks the case as a child's and ends the institution-wide grants a child's case may not have (all
    /// but the Squad's supervision), each revocation audited in the caller's transaction.
    /// </summary>
    public static async Task MakeChildAsync(AriadneDbContext db, AuditTrail audit, ProtectionCase c, Viewer viewer, DateTimeOffset now, CancellationToken ct)
    {
        c.IsMinor = true;
        var institutionWide = await db.Grants.Where(g => g.CaseId == c.Id && g.GranteeInstitutionId != null && g.Relation != Relation.SquadSupervisor && g.RevokedAt == null)
            .ToListAsync(ct);
        foreach (var grant in institutionWide)
        {
            grant.RevokedAt = now;
            grant.RevokedBy = viewer.UserId;
            await audit.AppendAsync(new AuditRecord(PlatformAudit.GrantRevoked, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: AuditTarget.Grant, TargetId: grant.Id, CaseId: c.Id, Relation: grant.Relation.ToString(), Purpose: CasesAudit.GrantRevokeChildCase), ct);
        }
    }
}
