using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// The emergency step: one case, without a grant, read-only with location redacted, for at most four
/// hours; the responsible institution and oversight are notified at once and the opening waits in
/// oversight's review queue. The caller has already re-authenticated the user.
/// </summary>
public sealed class BreakGlassService(AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditedWrites writes, TimeProvider time)
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(4);

    /// <summary>Roles that never open case contents, not even in an emergency.</summary>
    public static readonly string[] Excluded = [RoleCatalog.Administrator, RoleCatalog.Auditor, RoleCatalog.Coordinator, RoleCatalog.Analyst];

    public async Task<Guid?> OpenAsync(Viewer viewer, string caseNumber, BreakGlassReason reason, string explanation, CancellationToken ct = default)
    {
        var number = caseNumber.Trim().ToUpperInvariant();
        var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstOrDefaultAsync(x => x.Number == number, ct);
        if (c is null)
            return null;
        if (await access.RightsAsync(viewer, c.Id, ct) is not null && !await access.ActiveBreakGlass(viewer).AnyAsync(b => b.CaseId == c.Id, ct))
            return c.Id; // already visible through a grant: no emergency step needed
        var now = time.GetUtcNow();
        var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct);
        return await writes.RunAsync(viewer, async ct =>
        {
            var opening = new BreakGlassAccess
            {
                CaseId = c.Id,
                UserId = viewer.UserId,
                InstitutionId = viewer.InstitutionId,
                Reason = reason,
                StartedAt = now,
                ExpiresAt = now + MaxDuration,
            };
            opening.ExplanationEnc = key is null ? null
                : db.Seal(opening, b => b.ExplanationEnc, explanation.Trim(), key, c.Person.DataKeyId);
            db.BreakGlassAccesses.Add(opening);
            db.Notifications.Add(new Notification
            {
                RecipientInstitutionId = c.ResponsibleInstitutionId,
                Kind = CasesAudit.BreakGlassOpened,
                CaseId = c.Id,
                CaseNumber = c.Number,
                BreakGlassId = opening.Id,
                CreatedAt = now,
            });
            db.Notifications.Add(new Notification
            {
                RecipientRole = RoleCatalog.Auditor,
                Kind = CasesAudit.BreakGlassOpened,
                CaseId = c.Id,
                CaseNumber = c.Number,
                BreakGlassId = opening.Id,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(ct);
            return new Audited<Guid?>(c.Id, new AuditRecord(PlatformAudit.BreakGlassOpened,
                TargetType: AuditTarget.BreakGlass, TargetId: opening.Id, CaseId: c.Id, Relation: CaseRights.BreakGlass.Through, Purpose: CasesAudit.Emergency.For(reason)));
        }, ct);
    }

    public sealed record ReviewRow(Guid Id, string CaseNumber, Guid CaseId, string User, string Institution, BreakGlassReason Reason, string? Explanation,
        DateTimeOffset StartedAt, DateTimeOffset ExpiresAt);

    /// <summary>Openings not yet reviewed. Oversight sees the explanation the user gave, not the case's contents.</summary>
    public async Task<IReadOnlyList<ReviewRow>> QueueAsync(CancellationToken ct = default)
    {
        var rows = await (from b in db.BreakGlassAccesses.AsNoTracking()
                          where b.ReviewedAt == null
                          join c in db.Cases on b.CaseId equals c.Id
                          join p in db.People on c.PersonId equals p.Id
                          join u in db.Users on b.UserId equals u.Id
                          join i in db.Institutions on b.InstitutionId equals i.Id
                          orderby b.StartedAt
                          select new { b, c.Number, p.DataKeyId, User = u.DisplayName, Institution = i.Name }).ToListAsync(ct);
        var result = new List<ReviewRow>();
        var keys = await dataKeys.UnwrapManyAsync(rows.Select(r => r.DataKeyId), ct);
        foreach (var r in rows)
        {
            var key = keys.GetValueOrDefault(r.DataKeyId);
            var text = key is null ? null : db.Open(r.b, b => b.ExplanationEnc, key, r.DataKeyId);
            result.Add(new ReviewRow(r.b.Id, r.Number, r.b.CaseId, r.User, r.Institution, r.b.Reason, text, r.b.StartedAt, r.b.ExpiresAt));
        }
        return result;
    }

    public async Task<bool> ReviewAsync(Guid reviewerId, Guid reviewerInstitution, Guid openingId, bool justified, CancellationToken ct = default)
    {
        var opening = await db.BreakGlassAccesses.FirstOrDefaultAsync(b => b.Id == openingId && b.ReviewedAt == null, ct);
        if (opening is null)
            return false;
        await writes.RunAsync(null, async ct =>
        {
            opening.ReviewedAt = time.GetUtcNow();
            opening.ReviewedBy = reviewerId;
            opening.Justified = justified;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(PlatformAudit.BreakGlassReviewed, justified ? AuditOutcome.Allowed : AuditOutcome.Denied,
                reviewerId, reviewerInstitution, AuditTarget.BreakGlass, opening.Id, opening.CaseId, null,
                justified ? CasesAudit.ReviewJustified : CasesAudit.ReviewUnjustified));
        }, ct);
        return true;
    }
}
