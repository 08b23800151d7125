using System.Security.Cryptography;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Creating, reading, changing and searching cases, always through <see cref="CaseAccess"/> and always
/// with the audit event in the same transaction as the access.
/// </summary>
public sealed class CaseService(
    AriadneDbContext db, CaseAccess access, PersonVault vault, DataKeys dataKeys, BlindIndex index, AuditTrail audit, AuditedWrites writes,
    TimeProvider time, UiTime uiTime, Microsoft.Extensions.Options.IOptions<CaseNumberOptions> numbers)
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

    public Task<CaseView> CreateAsync(Viewer viewer, CaseInput input, Guid? investigatorUserId, CancellationToken ct = default) =>
        // No writers' lock: the recency comes from a sequence and the number is reserved (NextKeys).
        writes.RunAsync(viewer, ct => CreateWorkAsync(viewer, input, investigatorUserId, ct), ct);

    /// <summary>
    /// Opens a case once per Idempotency-Key (the API): the same key and body give the first case again (read as the
    /// viewer may see it now, null if they no longer may), another body is a conflict.
    /// </summary>
    public Task<Once<CaseView?>> CreateOnceAsync(Viewer viewer, CaseInput input, IdempotentRequest request, CancellationToken ct = default) =>
        writes.RunOnceUnserializedAsync<CaseView?>(viewer, request,
            async ct =>
            {
                var (view, record, id) = await CreateWorkAsync(viewer, input, null, ct);
                return new Audited<CaseView?>(view, record, id);
            },
            (id, ct) => ReadAsync(viewer, id, CasesAudit.ApiCreateReplay, ct), ct);

    private async Task<Audited<CaseView>> CreateWorkAsync(Viewer viewer, CaseInput input, Guid? investigatorUserId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var record = input.Apply(new PersonRecord());
        var (person, key) = vault.Create(record, now);
        db.People.Add(person);
        var c = new ProtectionCase
        {
            Number = await NewNumberAsync(now, ct),
            PersonId = person.Id,
            Person = person,
            Status = input.Status ?? CaseStatus.Active,
            ClosureOutcome = CaseStatuses.IsClosed(input.Status ?? CaseStatus.Active) ? input.ClosureOutcome : null,
            ResponsibleInstitutionId = viewer.InstitutionId,
            IsMinor = (input.IsMinor ?? false) || CaseInput.IsChild(record.DateOfBirth, uiTime.DayOf(now)),
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = viewer.UserId,
            Recency = await NewRecencyAsync(now, ct),
        };
        vault.WriteCase(c, person, key, input.Situation, input.Legal, input.Care, input.SafetyPlan);
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
            ? CaseRights.ForGrants(investigator.Read, investigator.Write, [Relation.Investigator])
            : CaseRights.ForDispatch(DataClass.Status, DataClass.None);
        var view = new CaseView(c.Id, c.Number, rights, CaseProjection.Project(ToRecord(c, null, null, null, null), record, rights.Read), false);
        return new Audited<CaseView>(view, new AuditRecord(CasesAudit.CaseCreated,
            TargetType: AuditTarget.Case, TargetId: c.Id, CaseId: c.Id, Relation: rights.Through, Purpose: CasesAudit.Create), ResourceId: c.Id);
    }

    /// <summary>The case as the viewer may see it, or null (404) — the denial audited like the read.</summary>
    public async Task<CaseView?> ReadAsync(Viewer viewer, Guid caseId, AuditPurpose purpose, CancellationToken ct = default) =>
        (await ReadWithAsync(viewer, caseId, purpose, (_, _) => Task.FromResult(true), ct))?.View;

    /// <summary>
    /// The case and what the caller shows with it (<paramref name="more"/>, run only when the case is visible), read in
    /// one audited read: the reads and the event in one transaction. Null (404) when the case is not visible.
    /// </summary>
    public Task<(CaseView View, T More)?> ReadWithAsync<T>(Viewer viewer, Guid caseId, AuditPurpose purpose,
        Func<CaseView, CancellationToken, Task<T>> more, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var rights = await access.RightsAsync(viewer, caseId, ct);
            if (rights is null)
                return new Audited<(CaseView, T)?>(null, AuditRecords.CaseDenied(viewer, caseId, purpose));
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var view = await ProjectAsync(c, rights, ct);
            var extra = await more(view, ct);
            return new Audited<(CaseView, T)?>((view, extra), new AuditRecord(CasesAudit.CaseViewed,
                TargetType: AuditTarget.Case, TargetId: caseId, CaseId: caseId, Relation: rights.Through, Purpose: purpose));
        }, ct);

    /// <summary>MinorNeedsAssessment: the input clears the child flag of a child; only an age assessment may.</summary>
    /// <summary>ClosureNeedsOutcome: the input closes the case without the outcome of the closure.</summary>
    public enum UpdateOutcome { Updated, NotFound, Forbidden, MinorNeedsAssessment, ClosureNeedsOutcome }

    /// <summary>Changes the fields sent; every class they touch must be writable for the viewer.</summary>
    public Task<UpdateOutcome> UpdateAsync(Viewer viewer, Guid caseId, CaseInput input, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var rights = await access.RightsAsync(viewer, caseId, ct);
            if (rights is null)
                return new Audited<UpdateOutcome>(UpdateOutcome.NotFound, AuditRecords.CaseDenied(viewer, caseId, CasesAudit.Update));
            var touched = input.Touches();
            if (!rights.CanWrite(touched))
                return Denied(UpdateOutcome.Forbidden, CasesAudit.Update, rights);
            var c = await db.Cases.Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct);
            if (key is null)
                return Denied(UpdateOutcome.Forbidden, CasesAudit.UpdateErased, rights);
            var now = time.GetUtcNow();
            var today = uiTime.DayOf(now);
            var before = vault.Open(c.Person, key);
            var person = input.Apply(before);
            // The child flag is derived: a child's date of birth (or an earlier flag) makes a child, and only
            // an age assessment lowers it. A case never assessed whose recorded date of birth is a child's is a
            // child's case, whatever its flag says.
            var sentChildBirth = input.DateOfBirth is not null && input.DateOfBirth != before.DateOfBirth && CaseInput.IsChild(input.DateOfBirth, today);
            var child = c.IsMinor || sentChildBirth || input.IsMinor == true
                || (CaseInput.IsChild(person.DateOfBirth, today) && !await db.AgeAssessments.AnyAsync(a => a.CaseId == caseId, ct));
            if (input.IsMinor == false && child)
                return Denied(UpdateOutcome.MinorNeedsAssessment, CasesAudit.UpdateMinorWithoutAssessment, rights);
            // Every refusal comes before the first write: a denied edit saves nothing (the denial's event is saved with the work).
            var wasClosed = CaseStatuses.IsClosed(c.Status);
            var closed = CaseStatuses.IsClosed(input.Status ?? c.Status);
            var outcome = closed ? input.ClosureOutcome ?? (wasClosed ? c.ClosureOutcome : null) : null;
            if (closed && outcome is null)
                return Denied(UpdateOutcome.ClosureNeedsOutcome, CasesAudit.UpdateWithoutOutcome, rights);
            if (touched.HasFlag(DataClass.Identity) || touched.HasFlag(DataClass.ContactLocation) || touched.HasFlag(DataClass.Health))
                vault.Write(c.Person, key, person);
            vault.WriteCase(c, c.Person, key, input.Situation, input.Legal, input.Care, input.SafetyPlan);
            if (input.Status is { } status)
                c.Status = status;
            c.ClosureOutcome = outcome;
            if (child && !c.IsMinor)
                await AgeAssessmentService.MakeChildAsync(db, audit, c, viewer, now, ct);
            c.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            // Closing (with its outcome) and re-opening are events of their own, in the same transaction as the change.
            if (closed != wasClosed)
                await audit.AppendAsync(new AuditRecord(closed ? CasesAudit.CaseClosed : CasesAudit.CaseReopened, ActorUserId: viewer.UserId,
                    ActorInstitutionId: viewer.InstitutionId, TargetType: AuditTarget.Case, TargetId: caseId, CaseId: caseId, Relation: rights.Through,
                    Purpose: closed ? CasesAudit.Close.For(outcome!.Value) : CasesAudit.Reopen), ct);
            return new Audited<UpdateOutcome>(UpdateOutcome.Updated, new AuditRecord(CasesAudit.CaseUpdated,
                TargetType: AuditTarget.Case, TargetId: caseId, CaseId: caseId, Relation: rights.Through, Purpose: CasesAudit.Update.For(touched)));

            Audited<UpdateOutcome> Denied(UpdateOutcome outcome, AuditPurpose purpose, CaseRights rights) => new(outcome, new AuditRecord(CasesAudit.CaseUpdated,
                AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, AuditTarget.Case, caseId, caseId, rights.Through, purpose));
        }, ct);

    /// <summary>Exact search by document number or phone through the blind indexes, among visible cases only.</summary>
    public Task<IReadOnlyList<Guid>> SearchAsync(Viewer viewer, string? documentNumber, string? phone, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var document = index.DocumentNumber(documentNumber);
            var phoneIndex = index.Phone(phone);
            var visible = access.VisibleCases(viewer);
            var found = await visible
                .Where(c => (document != null && c.Person!.DocumentNumberIndex == document) || (phoneIndex != null && c.Person!.PhoneIndex == phoneIndex))
                .OrderByDescending(c => c.Recency).Select(c => c.Id).Take(50).ToListAsync(ct);
            return new Audited<IReadOnlyList<Guid>>(found, new AuditRecord(CasesAudit.CaseSearched,
                Purpose: document is not null ? CasesAudit.SearchDocument : CasesAudit.SearchPhone));
        }, ct);

    /// <summary>
    /// The case as these rights see it, for another module's page that reads the case inside its own audited read
    /// (the caller has checked the rights with the one predicate and records the read; this adds no event).
    /// </summary>
    public Task<CaseView> ProjectForAsync(ProtectionCase c, CaseRights rights, CancellationToken ct = default) => ProjectAsync(c, rights, ct);

    private async Task<CaseView> ProjectAsync(ProtectionCase c, CaseRights rights, CancellationToken ct)
    {
        var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct);
        if (key is null)
            return new CaseView(c.Id, c.Number, rights, CaseProjection.Project(ToRecord(c, null, null, null, null), null, rights.Read & DataClass.Status), true);
        var person = vault.Open(c.Person, key);
        var (situation, legal, care, safetyPlan) = vault.ReadCase(c, c.Person, key);
        return new CaseView(c.Id, c.Number, rights, CaseProjection.Project(ToRecord(c, situation, legal, care, safetyPlan), person, rights.Read), false);
    }

    private static CaseRecord ToRecord(ProtectionCase c, string? situation, string? legal, string? care, string? safetyPlan) => new()
    {
        Number = c.Number,
        Status = c.Status,
        ClosureOutcome = c.ClosureOutcome,
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
        var prefix = numbers.Value.CaseNumberPrefix;
        for (var attempt = 0; ; attempt++)
        {
            var number = $"{prefix}-{now.Year}-{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}";
            // Held first, so that a concurrent creation that drew the same number cannot also find it free.
            if ((await NextKeys.ReserveAsync(db, number, ct) && !await db.Cases.AnyAsync(c => c.Number == number, ct)) || attempt > 20)
                return number;
        }
    }

    private Task<long> NewRecencyAsync(DateTimeOffset now, CancellationToken ct) =>
        NextKeys.NextAsync(db, NextKeys.Sequence.CaseRecency, now, ct => db.Cases.MaxAsync(c => (long?)c.Recency, ct), ct);
}
