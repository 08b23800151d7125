using System.Security.Cryptography;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Creating, reading, changing and searching cases, always through <see cref="CaseAccess"/> and always
/// with the audit event in the same transaction as the access.
/// </summary>
public sealed class CaseService(
    AriadneDbContext db, CaseAccess access, PersonVault vault, DataKeys dataKeys, BlindIndex index, AuditTrail audit,
    TimeProvider time, IConfiguration configuration)
{
    /// <summary>A case as one viewer may see it: the projected fields and the viewer's rights.</summary>
    public sealed record CaseView(Guid Id, string Number, CaseRights Rights, Dictionary<string, object?> Fields, bool Erased);

    public static readonly string[] CreatorRoles =
        [RoleCatalog.Investigator, RoleCatalog.IdentificationOfficer, RoleCatalog.DutyOfficer, RoleCatalog.SquadChief];

    /// <summary>
    /// Opens a case. The investigator is the creator, or <paramref name="investigatorUserId"/> when the duty
    /// desk opens a case from a referral and hands it to an investigator at once.
    /// </summary>
    public Task<CaseView> CreateAsync(Viewer viewer, CaseInput input, CancellationToken ct = default) => CreateAsync(viewer, input, null, ct);

    public async Task<CaseView> CreateAsync(Viewer viewer, CaseInput input, Guid? investigatorUserId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var record = input.Apply(new PersonRecord());
        return await audit.InTransactionAsync(async () =>
        {
            await audit.SerializeWritersAsync(ct);
            var (person, key) = vault.Create(record, now);
            db.People.Add(person);
            var c = new ProtectionCase
            {
                Number = await NewNumberAsync(now, ct),
                PersonId = person.Id,
                Person = person,
                Status = input.Status ?? CaseStatus.Active,
                ResponsibleInstitutionId = viewer.InstitutionId,
                IsMinor = (input.IsMinor ?? false) || CaseInput.IsChild(record.DateOfBirth, DateOnly.FromDateTime(now.UtcDateTime)),
                CreatedAt = now,
                UpdatedAt = now,
                CreatedBy = viewer.UserId,
                Recency = await NewRecencyAsync(now, ct),
            };
            c.SituationEnc = PersonVault.EncryptCase(c, person, key, nameof(ProtectionCase.SituationEnc), input.Situation);
            c.LegalEnc = PersonVault.EncryptCase(c, person, key, nameof(ProtectionCase.LegalEnc), input.Legal);
            c.CareEnc = PersonVault.EncryptCase(c, person, key, nameof(ProtectionCase.CareEnc), input.Care);
            c.SafetyPlanEnc = PersonVault.EncryptCase(c, person, key, nameof(ProtectionCase.SafetyPlanEnc), input.SafetyPlan);
            db.Cases.Add(c);

            // The creator investigates; the Squad's supervisor sees the unit's cases.
            var investigator = AccessMatrix.Default[Relation.Investigator];
            var supervisor = AccessMatrix.Default[Relation.SquadSupervisor];
            db.Grants.Add(new Grant
            {
                CaseId = c.Id,
                CaseRecency = c.Recency,
                GranteeUserId = investigatorUserId ?? viewer.UserId,
                Relation = Relation.Investigator,
                Read = investigator.Read,
                Write = investigator.Write,
                ValidFrom = now,
                GrantedBy = viewer.UserId,
                Reason = "case opened",
            });
            db.Grants.Add(new Grant
            {
                CaseId = c.Id,
                CaseRecency = c.Recency,
                GranteeInstitutionId = viewer.InstitutionId,
                Relation = Relation.SquadSupervisor,
                Read = supervisor.Read,
                Write = supervisor.Write,
                ValidFrom = now,
                GrantedBy = viewer.UserId,
                Reason = "case opened",
            });
            await db.SaveChangesAsync(ct);
            var rights = investigatorUserId is null || investigatorUserId == viewer.UserId
                ? new CaseRights(investigator.Read, investigator.Write, nameof(Relation.Investigator))
                : new CaseRights(DataClass.Status, DataClass.None, "referral.dispatch");
            var view = new CaseView(c.Id, c.Number, rights, CaseProjection.Project(ToRecord(c, null, null, null, null), record, rights.Read), false);
            return (view, new AuditRecord(CasesAudit.CaseCreated, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "case", TargetId: c.Id, CaseId: c.Id, Relation: rights.Through, Purpose: "case.create"));
        }, ct);

    }

    /// <summary>The case as the viewer may see it, or null (404) — the denial audited like the read.</summary>
    public async Task<CaseView?> ReadAsync(Viewer viewer, Guid caseId, string purpose, CancellationToken ct = default) =>
        await audit.InTransactionAsync(async () =>
        {
            var rights = await access.RightsAsync(viewer, caseId, ct);
            if (rights is null)
                return ((CaseView?)null, AuditRecords.CaseDenied(viewer, caseId, purpose));
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var view = await ProjectAsync(c, rights, ct);
            return (view, new AuditRecord(CasesAudit.CaseViewed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "case", TargetId: caseId, CaseId: caseId, Relation: rights.Through, Purpose: purpose));
        }, ct);

    /// <summary>MinorNeedsAssessment: the input clears the child flag of a child; only an age assessment may.</summary>
    public enum UpdateOutcome { Updated, NotFound, Forbidden, MinorNeedsAssessment }

    /// <summary>Changes the fields sent; every class they touch must be writable for the viewer.</summary>
    public async Task<UpdateOutcome> UpdateAsync(Viewer viewer, Guid caseId, CaseInput input, CancellationToken ct = default) =>
        await audit.InTransactionAsync(async () =>
        {
            var rights = await access.RightsAsync(viewer, caseId, ct);
            if (rights is null)
                return (UpdateOutcome.NotFound, AuditRecords.CaseDenied(viewer, caseId, "case.update"));
            var touched = input.Touches();
            if (!rights.CanWrite(touched))
                return (UpdateOutcome.Forbidden, new AuditRecord(CasesAudit.CaseUpdated, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                    "case", caseId, caseId, rights.Through, "case.update"));
            var c = await db.Cases.Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct);
            if (key is null)
                return (UpdateOutcome.Forbidden, new AuditRecord(CasesAudit.CaseUpdated, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                    "case", caseId, caseId, rights.Through, "case.update.erased"));
            var now = time.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var before = PersonVault.Read(c.Person, key);
            var person = input.Apply(before);
            // The child flag is derived: a child's date of birth (or an earlier flag) makes a child, and only
            // an age assessment lowers it. A case never assessed whose recorded date of birth is a child's is a
            // child's case, whatever its flag says.
            var sentChildBirth = input.DateOfBirth is not null && input.DateOfBirth != before.DateOfBirth && CaseInput.IsChild(input.DateOfBirth, today);
            var child = c.IsMinor || sentChildBirth || input.IsMinor == true
                || (CaseInput.IsChild(person.DateOfBirth, today) && !await db.AgeAssessments.AnyAsync(a => a.CaseId == caseId, ct));
            if (input.IsMinor == false && child)
                return (UpdateOutcome.MinorNeedsAssessment, new AuditRecord(CasesAudit.CaseUpdated, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                    "case", caseId, caseId, rights.Through, "case.update.minor-without-assessment"));
            if (touched.HasFlag(DataClass.Identity) || touched.HasFlag(DataClass.ContactLocation) || touched.HasFlag(DataClass.Health))
                vault.Write(c.Person, key, person);
            if (input.Situation is not null)
                c.SituationEnc = PersonVault.EncryptCase(c, c.Person, key, nameof(ProtectionCase.SituationEnc), input.Situation);
            if (input.Legal is not null)
                c.LegalEnc = PersonVault.EncryptCase(c, c.Person, key, nameof(ProtectionCase.LegalEnc), input.Legal);
            if (input.Care is not null)
                c.CareEnc = PersonVault.EncryptCase(c, c.Person, key, nameof(ProtectionCase.CareEnc), input.Care);
            if (input.SafetyPlan is not null)
                c.SafetyPlanEnc = PersonVault.EncryptCase(c, c.Person, key, nameof(ProtectionCase.SafetyPlanEnc), input.SafetyPlan);
            if (input.Status is { } status)
                c.Status = status;
            if (child && !c.IsMinor)
                await AgeAssessmentService.MakeChildAsync(db, audit, c, viewer, now, ct);
            c.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return (UpdateOutcome.Updated, new AuditRecord(CasesAudit.CaseUpdated, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "case", TargetId: caseId, CaseId: caseId, Relation: rights.Through, Purpose: "case.update:" + touched));
        }, ct);

    /// <summary>Exact search by document number or phone through the blind indexes, among visible cases only.</summary>
    public async Task<IReadOnlyList<Guid>> SearchAsync(Viewer viewer, string? documentNumber, string? phone, CancellationToken ct = default) =>
        await audit.InTransactionAsync(async () =>
        {
            var document = index.DocumentNumber(documentNumber);
            var phoneIndex = index.Phone(phone);
            var visible = access.VisibleCases(viewer);
            var found = await visible
                .Where(c => (document != null && c.Person!.DocumentNumberIndex == document) || (phoneIndex != null && c.Person!.PhoneIndex == phoneIndex))
                .OrderByDescending(c => c.Recency).Select(c => c.Id).Take(50).ToListAsync(ct);
            return ((IReadOnlyList<Guid>)found, new AuditRecord(CasesAudit.CaseSearched, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                Purpose: document is not null ? "search.document" : "search.phone"));
        }, ct);

    private async Task<CaseView> ProjectAsync(ProtectionCase c, CaseRights rights, CancellationToken ct)
    {
        var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct);
        if (key is null)
            return new CaseView(c.Id, c.Number, rights, CaseProjection.Project(ToRecord(c, null, null, null, null), null, rights.Read & DataClass.Status), true);
        var person = PersonVault.Read(c.Person, key);
        var (situation, legal, care, safetyPlan) = PersonVault.ReadCase(c, c.Person, key);
        return new CaseView(c.Id, c.Number, rights, CaseProjection.Project(ToRecord(c, situation, legal, care, safetyPlan), person, rights.Read), false);
    }

    private static CaseRecord ToRecord(ProtectionCase c, string? situation, string? legal, string? care, string? safetyPlan) => new()
    {
        Number = c.Number,
        Status = c.Status,
        IsMinor = c.IsMinor,
        ResponsibleInstitutionId = c.ResponsibleInstitutionId,
        CreatedAt = c.CreatedAt,
        Situation = situation,
        Legal = legal,
        Care = care,
        SafetyPlan = safetyPlan,
        TraffickingStatus = c.TraffickingStatus,
        ReflectionEndsOn = c.ReflectionEndsOn,
    };

    /// <summary>"AZ-2026-483920": a prefix from configuration, the year, six random digits. Reveals nothing.</summary>
    private async Task<string> NewNumberAsync(DateTimeOffset now, CancellationToken ct)
    {
        var prefix = configuration["Deployment:CaseNumberPrefix"] ?? "AZ";
        for (var attempt = 0; ; attempt++)
        {
            var number = $"{prefix}-{now.Year}-{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}";
            if (!await db.Cases.AnyAsync(c => c.Number == number, ct) || attempt > 20)
                return number;
        }
    }

    private async Task<long> NewRecencyAsync(DateTimeOffset now, CancellationToken ct)
    {
        var recency = (now - DateTimeOffset.UnixEpoch).Ticks / 10;
        var last = await db.Cases.MaxAsync(c => (long?)c.Recency, ct) ?? 0;
        return Math.Max(recency, last + 1);
    }
}
