using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// Reintegration follow-up: scheduled at discharge when the person agreed (1, 3, 6 and 12 months), a task on the
/// discharging worker's home page, recorded by whoever may write the case's Care class, and escalated to the shelter's
/// managers when missed. A follow-up that does not reach the person flags them as not reachable; the Coordinator sees
/// how many people are flagged, never who.
/// </summary>
public sealed class FollowUpService(
    AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditedWrites writes, AuditTrail audit, TimeProvider time, UiTime uiTime, IStringLocalizer<SharedResource> text)
{
    public static readonly int[] Months = [1, 3, 6, 12];

    /// <summary>How long past its day a follow-up may wait before it escalates.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(7);

    public sealed class FollowUpInput
    {
        public Guid? FollowUpId { get; set; }
        public bool? Reached { get; set; }
        public FollowUpSituation? Situation { get; set; }
        public bool RetraffickingRisk { get; set; }
        public string? Notes { get; set; }
    }

    public sealed record Row(Guid Id, int Month, DateOnly DueOn, DateTimeOffset? DoneAt, bool? Reached, FollowUpSituation? Situation, bool? RetraffickingRisk,
        string? Notes, bool Escalated, bool Overdue);

    /// <summary>Adds the four follow-ups of a stay that ended with the person's consent (inside the discharge's transaction).</summary>
    public void Schedule(Placement placement, Guid responsibleInstitutionId)
    {
        var left = uiTime.DayOf(placement.DischargedAt!.Value); // the day it ended in the deployment's zone, as the discharge form dates it
        foreach (var month in Months)
            db.FollowUps.Add(new FollowUp
            {
                CaseId = placement.CaseId,
                PlacementId = placement.Id,
                Month = month,
                DueOn = left.AddMonths(month),
                ResponsibleUserId = placement.DischargedBy!.Value,
                ResponsibleInstitutionId = responsibleInstitutionId,
            });
    }

    /// <summary>The case's follow-ups, newest stay first; notes only for those who may read Care.</summary>
    public async Task<IReadOnlyList<Row>> ForCaseAsync(Guid caseId, CaseRights rights, byte[]? personKey, Guid keyId, CancellationToken ct)
    {
        var today = uiTime.Today;
        var rows = await db.FollowUps.AsNoTracking().Where(f => f.CaseId == caseId).OrderBy(f => f.DueOn).ToListAsync(ct);
        return rows.Select(f => new Row(f.Id, f.Month, f.DueOn, f.DoneAt, f.Reached, f.Situation, f.RetraffickingRisk,
            personKey is not null && rights.CanRead(DataClass.Care) ? db.Open(f, x => x.NotesEnc, personKey, keyId) : null,
            f.EscalatedAt is not null, f.DoneAt is null && f.DueOn < today)).ToList();
    }

    /// <summary>Whether the person could not be reached at their latest recorded follow-up.</summary>
    public static bool Unreachable(IEnumerable<Row> rows) => Unreachable(rows.Select(r => (r.DueOn, r.DoneAt, r.Reached, r.Escalated)));

    /// <summary>
    /// Not reachable: the latest recorded follow-up did not reach the person, or a later one was missed and escalated.
    /// One rule for the case's flag and the Coordinator's count.
    /// </summary>
    private static bool Unreachable(IEnumerable<(DateOnly DueOn, DateTimeOffset? DoneAt, bool? Reached, bool Escalated)> rows)
    {
        var list = rows.ToList();
        var latestDone = list.Where(r => r.DoneAt is not null).OrderBy(r => r.DoneAt).LastOrDefault();
        if (latestDone.DoneAt is not null && latestDone.Reached == false)
            return true;
        return list.Any(r => r.DoneAt is null && r.Escalated && (latestDone.DoneAt is null || r.DueOn > latestDone.DueOn));
    }

    /// <summary>Records the next open follow-up of the case. Null when the case is not visible; errors by field otherwise.</summary>
    public async Task<Dictionary<string, string[]>?> RecordAsync(Viewer viewer, Guid caseId, FollowUpInput input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, AccommodationAudit.FollowUpRecord), ct);
            return null;
        }
        if (rights.IsBreakGlass || !rights.CanWrite(DataClass.Care))
            return new() { [string.Empty] = [text["Case_NotWritable"]] };
        var errors = new Dictionary<string, string[]>();
        var followUp = input.FollowUpId is { } id ? await db.FollowUps.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.CaseId == caseId && f.DoneAt == null, ct) : null;
        if (followUp is null)
            errors[nameof(FollowUpInput.FollowUpId)] = [text["FollowUp_Choose"]];
        if (input.Reached is null)
            errors[nameof(FollowUpInput.Reached)] = [text["FollowUp_ReachedRequired"]];
        else if (input.Reached == true && (input.Situation is not { } situation || !Enum.IsDefined(situation)))
            errors[nameof(FollowUpInput.Situation)] = [text["FollowUp_SituationRequired"]];
        if (input.Notes?.Trim().Length > 4000)
            errors[nameof(FollowUpInput.Notes)] = [text["Validation_TooLong", 4000]];
        if (errors.Count > 0)
            return errors;
        if (await access.IsErasedAsync(caseId, ct))
            return new() { [string.Empty] = [text["Case_Erased"]] };
        return await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.FollowUps.FirstAsync(f => f.Id == followUp!.Id, ct);
            if (row.DoneAt is not null)
                return new Audited<Dictionary<string, string[]>>(new() { [nameof(FollowUpInput.FollowUpId)] = [text["FollowUp_Choose"]] },
                    new AuditRecord(AccommodationAudit.FollowedUp, AuditOutcome.Denied, TargetType: AccommodationAudit.FollowUp, TargetId: row.Id, CaseId: caseId, Purpose: AccommodationAudit.FollowUpRecord));
            var keyId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Person!.DataKeyId).FirstAsync(ct);
            var key = await dataKeys.UnwrapAsync(keyId, ct) ?? throw new InvalidOperationException("Erased.");
            row.DoneAt = time.GetUtcNow();
            row.DoneBy = viewer.UserId;
            row.Reached = input.Reached;
            row.Situation = input.Reached == true ? input.Situation : null;
            row.RetraffickingRisk = input.Reached == true && input.RetraffickingRisk;
            if (!string.IsNullOrWhiteSpace(input.Notes))
                row.NotesEnc = db.Seal(row, f => f.NotesEnc, input.Notes.Trim(), key, keyId);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>>([], new AuditRecord(AccommodationAudit.FollowedUp, TargetType: AccommodationAudit.FollowUp,
                TargetId: row.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.FollowUpRecord));
        }, ct);
    }

    /// <summary>
    /// Escalates every follow-up missed by more than <see cref="Grace"/>: once each, to the managers of the institution
    /// responsible for it (a notice with the case number; no name). Returns how many escalated.
    /// </summary>
    public async Task<int> EscalateMissedAsync(CancellationToken ct = default)
    {
        var limit = uiTime.DayOf(time.GetUtcNow() - Grace);
        var missed = await db.FollowUps.AsNoTracking().Where(f => f.DoneAt == null && f.EscalatedAt == null && f.DueOn < limit).Take(200).ToListAsync(ct);
        foreach (var f in missed)
            await writes.RunAsync<bool>(null, async ct =>
            {
                var now = time.GetUtcNow();
                // Claim it: a second job run (another instance) finds it escalated and does nothing.
                var claimed = await db.FollowUps.Where(x => x.Id == f.Id && x.EscalatedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EscalatedAt, now), ct);
                if (claimed == 0)
                    return new Audited<bool>(false, new AuditRecord(AccommodationAudit.FollowUpEscalated, AuditOutcome.Denied, TargetType: AccommodationAudit.FollowUp, TargetId: f.Id, CaseId: f.CaseId, Purpose: AccommodationAudit.FollowUpMissed));
                var number = await db.Cases.Where(c => c.Id == f.CaseId).Select(c => c.Number).FirstAsync(ct);
                db.Notifications.Add(new Notification
                {
                    RecipientInstitutionId = f.ResponsibleInstitutionId,
                    RecipientRole = RoleCatalog.ShelterManager,
                    Kind = AccommodationAudit.FollowUpMissedNotice,
                    CaseId = f.CaseId,
                    CaseNumber = number,
                    CreatedAt = now,
                });
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, new AuditRecord(AccommodationAudit.FollowUpEscalated, TargetType: AccommodationAudit.FollowUp, TargetId: f.Id,
                    CaseId: f.CaseId, Purpose: AccommodationAudit.FollowUpMissed));
            }, ct);
        return missed.Count;
    }

    /// <summary>
    /// How many people cannot be reached after leaving a shelter: their latest recorded follow-up did not reach them, or a
    /// follow-up was missed and escalated with none recorded since. A count only.
    /// </summary>
    public async Task<int> UnreachableCountAsync(CancellationToken ct = default) => (await UnreachableAsync(null, ct)).Count;

    /// <summary>Whether this case's person is counted as not reachable (for the case's own page and tests).</summary>
    public async Task<bool> IsUnreachableAsync(Guid caseId, CancellationToken ct = default) => (await UnreachableAsync(caseId, ct)).Count > 0;

    private async Task<HashSet<Guid>> UnreachableAsync(Guid? caseId, CancellationToken ct)
    {
        var rows = await db.FollowUps.AsNoTracking().Where(f => (f.DoneAt != null || f.EscalatedAt != null) && (caseId == null || f.CaseId == caseId))
            .Select(f => new { f.CaseId, f.DueOn, f.DoneAt, f.Reached, f.EscalatedAt }).ToListAsync(ct);
        return rows.GroupBy(r => r.CaseId).Where(g => Unreachable(g.Select(r => (r.DueOn, r.DoneAt, r.Reached, r.EscalatedAt != null))))
            .Select(g => g.Key).ToHashSet();
    }
}
