using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Adding and revoking grants. The squad chief (supervisor of the case) assigns investigators; an
/// investigator brings in the other relations. A grant names one user or one institution — never
/// everyone — opens at most its relation's classes, and on a child's case only the Squad's supervision
/// may reach a whole institution.
/// </summary>
public sealed class GrantService(AriadneDbContext db, CaseAccess access, AuditTrail audit, AuditedWrites writes, TimeProvider time, UiTime uiTime,
    UserManager<AriadneUser> users, IStringLocalizer<SharedResource> text)
{
    public sealed class GrantInput
    {
        public Relation? Relation { get; set; }
        public string? GranteeUserName { get; set; }
        public Guid? GranteeInstitutionId { get; set; }
        public List<DataClass> Read { get; set; } = [];
        public List<DataClass> Write { get; set; } = [];
        public DateOnly? ValidUntil { get; set; }
        public string? Reason { get; set; }
    }

    public sealed record GrantRow(Guid Id, Relation Relation, string Grantee, DataClass Read, DataClass Write,
        DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil, DateTimeOffset? RevokedAt, string Reason);

    /// <summary>The relations this viewer may grant on this case (none if they may not manage it).</summary>
    public async Task<IReadOnlyList<Relation>> GrantableAsync(Viewer viewer, Guid caseId, CancellationToken ct = default)
    {
        var held = await access.ActiveGrants(viewer).Where(g => g.CaseId == caseId).Select(g => g.Relation).ToListAsync(ct);
        var grantable = new List<Relation>();
        if (held.Contains(Relation.SquadSupervisor))
            grantable.Add(Relation.Investigator);
        if (held.Contains(Relation.Investigator) || held.Contains(Relation.SquadSupervisor))
            // An information request's grant is made only by the Coordinator's decision (Features/InformationRequests).
            grantable.AddRange(Enum.GetValues<Relation>().Where(r => r is not Relation.Investigator and not Relation.SquadSupervisor and not Relation.InformationRequest));
        return grantable;
    }

    /// <summary>
    /// The case's grants as the viewer may list them, newest first: every grant for one who may manage the case's
    /// grants (<see cref="GrantableAsync"/>), only the grants they hold themselves for any other who may see the case,
    /// and null (404) — the denial audited — for one who may not see it.
    /// </summary>
    public async Task<IReadOnlyList<GrantRow>?> ListAsync(Viewer viewer, Guid caseId, CancellationToken ct = default)
    {
        if (await access.RightsAsync(viewer, caseId, ct) is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, CasesAudit.GrantList), ct);
            return null;
        }
        var grants = (await GrantableAsync(viewer, caseId, ct)).Count > 0 ? db.Grants : db.Grants.Where(CaseAccess.HeldBy(viewer));
        var rows = await (from g in grants.AsNoTracking()
                          where g.CaseId == caseId
                          join u in db.Users on g.GranteeUserId equals u.Id into gu
                          from u in gu.DefaultIfEmpty()
                          join i in db.Institutions on g.GranteeInstitutionId equals i.Id into gi
                          from i in gi.DefaultIfEmpty()
                          orderby g.ValidFrom descending
                          select new { g, User = u != null ? u.DisplayName : null, Institution = i != null ? i.Name : null }).ToListAsync(ct);
        return rows.Select(r => new GrantRow(r.g.Id, r.g.Relation, r.User ?? r.Institution ?? "?", r.g.Read, r.g.Write,
            r.g.ValidFrom, r.g.ValidUntil, r.g.RevokedAt, r.g.Reason)).ToList();
    }

    public async Task<Dictionary<string, string[]>> AddAsync(Viewer viewer, Guid caseId, GrantInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var grantable = await GrantableAsync(viewer, caseId, ct);
        if (input.Relation is not { } relation || !grantable.Contains(relation))
        {
            errors[nameof(GrantInput.Relation)] = [text["Grant_RelationNotAllowed"]];
            return errors;
        }
        var rights = AccessMatrix.Default[relation];
        var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == caseId, ct);
        var now = time.GetUtcNow();

        AriadneUser? user = null;
        Institution? institution = null;
        var hasUser = !string.IsNullOrWhiteSpace(input.GranteeUserName);
        if (hasUser == (input.GranteeInstitutionId is not null))
            errors[nameof(GrantInput.GranteeUserName)] = [text["Grant_OneGrantee"]];
        else if (hasUser)
        {
            user = await users.FindByNameAsync(input.GranteeUserName!.Trim().ToLowerInvariant());
            var kind = user is null ? null : await db.Institutions.Where(i => i.Id == user.InstitutionId).Select(i => (InstitutionKind?)i.Kind).FirstAsync(ct);
            var roles = user is null ? [] : await users.GetRolesAsync(user);
            if (user is null || user.IsDisabled || kind is null || !rights.Kinds.Contains(kind.Value) || !roles.Any(rights.Roles.Contains))
                errors[nameof(GrantInput.GranteeUserName)] = [text["Grant_UserCannotHold"]];
        }
        else
        {
            institution = await db.Institutions.FirstOrDefaultAsync(i => i.Id == input.GranteeInstitutionId && i.IsActive, ct);
            if (institution is null || !rights.Kinds.Contains(institution.Kind))
                errors[nameof(GrantInput.GranteeInstitutionId)] = [text["Grant_InstitutionCannotHold"]];
            else if (c.IsMinor && relation != Relation.SquadSupervisor)
                errors[nameof(GrantInput.GranteeInstitutionId)] = [text["Grant_MinorNamedUsersOnly"]];
        }

        // Nobody grants a relation to themselves, by name or through their own institution. A chief who must
        // investigate is assigned by another chief; only where the Squad has no other active chief does the
        // self-assignment stand, and oversight is told and reviews it.
        var selfAssigned = false;
        if ((user is not null && user.Id == viewer.UserId)
            || (institution is not null && institution.Id == viewer.InstitutionId && viewer.InstitutionRelations.Contains(relation)))
        {
            if (user is not null && relation == Relation.Investigator && !await OtherChiefAsync(viewer, ct))
                selfAssigned = true;
            else
                errors[user is not null ? nameof(GrantInput.GranteeUserName) : nameof(GrantInput.GranteeInstitutionId)] = [text["Grant_NotToYourself"]];
        }

        var read = input.Read.Aggregate(DataClass.None, (a, b) => a | b);
        var write = input.Write.Aggregate(DataClass.None, (a, b) => a | b);
        if (read == DataClass.None && write == DataClass.None)
            errors[nameof(GrantInput.Read)] = [text["Grant_ClassesRequired"]];
        else if ((read & ~rights.Read) != 0 || (write & ~rights.Write) != 0)
            errors[nameof(GrantInput.Read)] = [text["Grant_ClassesBeyondRelation"]];

        var today = uiTime.DayOf(now);
        if (input.ValidUntil is { } until && until <= today)
            errors[nameof(GrantInput.ValidUntil)] = [text["Grant_UntilInPast"]];
        if (relation == Relation.CoordinatorInformation && (input.ValidUntil is null || input.ValidUntil > today.AddDays(90)))
            errors[nameof(GrantInput.ValidUntil)] = [text["Grant_InformationTimeLimited"]];
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            errors[nameof(GrantInput.Reason)] = [text["Validation_Required"]];
        else if (reason.Length > 200)
            errors[nameof(GrantInput.Reason)] = [text["Validation_TooLong", 200]];
        if (errors.Count > 0)
            return errors;

        await writes.RunAsync(viewer, async ct =>
        {
            var grant = new Grant
            {
                CaseId = caseId,
                CaseRecency = c.Recency,
                GranteeUserId = user?.Id,
                GranteeInstitutionId = institution?.Id,
                Relation = relation,
                Read = read | write,
                Write = write,
                ValidFrom = now,
                ValidUntil = input.ValidUntil is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                GrantedBy = viewer.UserId,
                Reason = reason!,
            };
            db.Grants.Add(grant);
            if (selfAssigned)
                db.Notifications.Add(new Notification
                {
                    RecipientRole = RoleCatalog.Auditor,
                    Kind = CasesAudit.SelfAssignment,
                    CaseId = caseId,
                    CaseNumber = c.Number,
                    CreatedAt = now,
                });
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(PlatformAudit.GrantCreated,
                TargetType: AuditTarget.Grant, TargetId: grant.Id, CaseId: caseId, Relation: relation.ToString(),
                Purpose: selfAssigned ? CasesAudit.GrantSelfAssign : CasesAudit.GrantCreate));
        }, ct);
        return errors;
    }

    /// <summary>The stored codes of <see cref="CasesAudit.SelfAssignment"/> and <see cref="CasesAudit.GrantSelfAssign"/>, for queries.</summary>
    public const string SelfAssignmentKind = "self-assignment";
    public const string SelfAssignmentPurpose = "grant.self-assign";

    /// <summary>Whether the viewer's Squad has another active squad chief who could assign them.</summary>
    private Task<bool> OtherChiefAsync(Viewer viewer, CancellationToken ct) =>
        (from u in db.Users
         where u.InstitutionId == viewer.InstitutionId && u.Id != viewer.UserId && !u.IsDisabled
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == RoleCatalog.SquadChief
         select u.Id).AnyAsync(ct);

    public sealed record SelfAssignmentRow(string CaseNumber, string User, string Institution, DateTimeOffset At);

    /// <summary>Self-assignments (no other chief to assign), newest first, for oversight's review queue.</summary>
    public async Task<IReadOnlyList<SelfAssignmentRow>> SelfAssignmentsAsync(CancellationToken ct = default) =>
        await (from e in db.AuditEvents.AsNoTracking()
               where e.Purpose == SelfAssignmentPurpose
               join c in db.Cases on e.CaseId equals c.Id
               join u in db.Users on e.ActorUserId equals u.Id
               join i in db.Institutions on u.InstitutionId equals i.Id
               orderby e.Sequence descending
               select new SelfAssignmentRow(c.Number, u.DisplayName, i.Name, e.At)).Take(100).ToListAsync(ct);

    public async Task<bool> RevokeAsync(Viewer viewer, Guid caseId, Guid grantId, CancellationToken ct = default)
    {
        var grantable = await GrantableAsync(viewer, caseId, ct);
        var grant = await db.Grants.FirstOrDefaultAsync(g => g.Id == grantId && g.CaseId == caseId && g.RevokedAt == null, ct);
        if (grant is null || !grantable.Contains(grant.Relation))
            return false;
        await writes.RunAsync(viewer, async ct =>
        {
            grant.RevokedAt = time.GetUtcNow();
            grant.RevokedBy = viewer.UserId;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(PlatformAudit.GrantRevoked,
                TargetType: AuditTarget.Grant, TargetId: grant.Id, CaseId: caseId, Relation: grant.Relation.ToString(), Purpose: CasesAudit.GrantRevoke));
        }, ct);
        return true;
    }
}
