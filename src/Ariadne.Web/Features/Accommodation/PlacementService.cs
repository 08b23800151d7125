using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// A person's stays in shelters: admission by the shelter that accepted the onward referral (its grant), and a
/// mandatory discharge record. Occupancy never exceeds the beds: admissions are serialized and each bed and each
/// person has at most one open stay (unique indexes on both databases), so a lost race is a clear refusal.
/// Who sees what: the case's viewers see the shelter's name and the dates; the address only the shelter's own staff
/// and those who may read the case's Contact &amp; location.
/// </summary>
public sealed class PlacementService(
    AriadneDbContext db, CaseAccess access, CaseHeaders headers, DataKeys dataKeys, AuditedWrites writes, AuditTrail audit,
    FollowUpService followUps, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    public sealed record Stay(Guid Id, string Shelter, string? Bed, string? Address, DateTimeOffset AdmittedAt, DateTimeOffset? DischargedAt,
        DischargeReason? Reason, DischargeDestination? Destination, bool? FollowUpConsent, string? Notes, bool Ours);

    public sealed record FreeBed(Guid Id, string Shelter, string Label, BedRestriction Restriction, bool Held);

    public sealed record State(CaseRights Rights, string Number, CaseHeader Header, IReadOnlyList<Stay> Stays, bool CanAdmit, IReadOnlyList<FreeBed> FreeBeds, bool CanDischarge,
        IReadOnlyList<FollowUpService.Row> FollowUps, bool CanRecordFollowUp)
    {
        public Stay? Current => Stays.FirstOrDefault(s => s.DischargedAt is null);
        public bool Unreachable => FollowUpService.Unreachable(FollowUps);
    }

    public sealed class DischargeInput
    {
        public DateOnly? On { get; set; }
        public DischargeReason? Reason { get; set; }
        public DischargeDestination? Destination { get; set; }
        public bool? FollowUpConsent { get; set; }
        public string? Notes { get; set; }
    }

    /// <summary>Whether the viewer admits for the shelter on this case: its staff, through the shelter relation (the accepted onward referral).</summary>
    private static bool ShelterSide(CaseRights rights, IReadOnlyCollection<string> roles) =>
        !rights.IsBreakGlass && rights.Relations.Contains(Relation.Shelter) && AccommodationRoles.Any(roles, AccommodationRoles.Staff);

    public Task<State?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var rights = await access.RightsAsync(viewer, caseId, ct);
            if (rights is null || !rights.CanRead(DataClass.Status))
                return new Audited<State?>(null, AuditRecords.CaseDenied(viewer, caseId, AccommodationAudit.View));
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var rows = await (from p in db.Placements.AsNoTracking()
                              where p.CaseId == caseId
                              join s in db.Shelters on p.ShelterId equals s.Id
                              join b in db.Beds on p.BedId equals b.Id
                              orderby p.AdmittedAt descending
                              select new { p, s, b.Label }).ToListAsync(ct);
            var personKey = rights.CanRead(DataClass.Care) ? await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct) : null;
            var shelterKeys = await dataKeys.UnwrapManyAsync(rows.Select(r => r.s.DataKeyId).Distinct(), ct);
            var stays = rows.Select(r =>
            {
                var ours = r.s.InstitutionId == viewer.InstitutionId;
                // The address: the shelter's own staff, and whoever may read where the person is (Contact & location), while the stay is open.
                var address = r.p.DischargedAt is null && (ours || rights.CanRead(DataClass.ContactLocation)) && shelterKeys.TryGetValue(r.s.DataKeyId, out var k)
                    ? db.Open(r.s, x => x.AddressEnc, k, r.s.DataKeyId) : null;
                var notes = personKey is null ? null : db.Open(r.p, x => x.NotesEnc, personKey, c.Person!.DataKeyId);
                return new Stay(r.p.Id, r.s.Name, ours ? r.Label : null, address, r.p.AdmittedAt, r.p.DischargedAt, r.p.Reason, r.p.Destination, r.p.FollowUpConsent, notes, ours);
            }).ToList();
            var shelterSide = ShelterSide(rights, roles);
            var open = stays.FirstOrDefault(s => s.DischargedAt is null);
            var free = shelterSide && open is null ? await FreeBedsAsync(viewer, ct) : [];
            var follow = rights.CanRead(DataClass.Care) ? await followUps.ForCaseAsync(caseId, rights, personKey, c.Person!.DataKeyId, ct) : [];
            var state = new State(rights, c.Number, await headers.BuildAsync(c, rights, CaseTab.Accommodation, ct), stays,
                shelterSide && open is null, free, shelterSide && open is { Ours: true },
                follow, !rights.IsBreakGlass && rights.CanWrite(DataClass.Care) && personKey is not null && follow.Any(f => f.DoneAt is null));
            return new Audited<State?>(state, new AuditRecord(CasesAudit.CaseViewed, TargetType: AuditTarget.Case, TargetId: caseId, CaseId: caseId,
                Relation: rights.Through, Purpose: AccommodationAudit.View));
        }, ct);

    /// <summary>The viewer's institution's beds that can take someone now: free, or held (the hold was for this arrival).</summary>
    private async Task<IReadOnlyList<FreeBed>> FreeBedsAsync(Viewer viewer, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var occupied = db.Placements.Where(p => p.DischargedAt == null).Select(p => p.BedId);
        return (await (from b in db.Beds.AsNoTracking()
                       join s in db.Shelters on b.ShelterId equals s.Id
                       where s.InstitutionId == viewer.InstitutionId && !b.OutOfService && !occupied.Contains(b.Id)
                       orderby s.Name, b.Label
                       select new { b.Id, s.Name, b.Label, b.Restriction, b.HeldUntil }).ToListAsync(ct))
            .Select(b => new FreeBed(b.Id, b.Name, b.Label, b.Restriction, b.HeldUntil > now)).ToList();
    }

    /// <summary>
    /// Admits the person into a bed of the viewer's shelter. Null when the case is not visible; errors by field otherwise.
    /// A bed taken meanwhile (a concurrent admission) is refused with a message and nothing is saved.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> AdmitAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, Guid? bedId, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, AccommodationAudit.Admit), ct);
            return null;
        }
        if (!ShelterSide(rights, roles))
            return new() { [string.Empty] = [text["Placement_NotYours"]] };
        if (bedId is null)
            return new() { ["BedId"] = [text["Placement_BedRequired"]] };
        if (await access.IsErasedAsync(caseId, ct))
            return new() { [string.Empty] = [text["Case_Erased"]] };
        try
        {
            return await writes.RunSerializedAsync(viewer, async ct =>
            {
                var now = time.GetUtcNow();
                Dictionary<string, string[]>? refusal = null;
                var bed = await (from b in db.Beds
                                 join s in db.Shelters on b.ShelterId equals s.Id
                                 where b.Id == bedId && s.InstitutionId == viewer.InstitutionId
                                 select b).FirstOrDefaultAsync(ct);
                if (bed is null || bed.OutOfService)
                    refusal = new() { ["BedId"] = [text["Placement_BedRequired"]] };
                else if (await db.Placements.AnyAsync(p => p.CaseId == caseId && p.DischargedAt == null, ct))
                    refusal = new() { [string.Empty] = [text["Placement_AlreadyPlaced"]] };
                else if (await db.Placements.AnyAsync(p => p.BedId == bed.Id && p.DischargedAt == null, ct))
                    refusal = new() { ["BedId"] = [text["Placement_BedTaken"]] };
                if (refusal is not null)
                    return new Audited<Dictionary<string, string[]>>(refusal, new AuditRecord(AccommodationAudit.Admitted, AuditOutcome.Denied,
                        TargetType: AccommodationAudit.Bed, TargetId: bedId, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Admit));
                var placement = new Placement { CaseId = caseId, ShelterId = bed!.ShelterId, BedId = bed.Id, AdmittedAt = now, AdmittedBy = viewer.UserId };
                db.Placements.Add(placement);
                (bed.HeldUntil, bed.HeldByInstitutionId, bed.HeldByUserId) = (null, null, null);
                await db.SaveChangesAsync(ct);
                return new Audited<Dictionary<string, string[]>>([], new AuditRecord(AccommodationAudit.Admitted, TargetType: AccommodationAudit.Placement,
                    TargetId: placement.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Admit));
            }, ct);
        }
        catch (DbUpdateException)
        {
            // The unique index refused a second open stay for the bed or the person: another admission won the race.
            db.ChangeTracker.Clear();
            await audit.RecordAsync(new AuditRecord(AccommodationAudit.Admitted, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                AccommodationAudit.Bed, bedId, caseId, rights.Through, AccommodationAudit.Admit), ct);
            return new() { ["BedId"] = [text["Placement_BedTaken"]] };
        }
    }

    /// <summary>Ends the person's stay with the mandatory discharge record. Null when the case is not visible.</summary>
    public async Task<Dictionary<string, string[]>?> DischargeAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, DischargeInput input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, AccommodationAudit.Discharge), ct);
            return null;
        }
        if (!ShelterSide(rights, roles))
            return new() { [string.Empty] = [text["Placement_NotYours"]] };
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var open = await (from p in db.Placements.AsNoTracking()
                          where p.CaseId == caseId && p.DischargedAt == null
                          join s in db.Shelters on p.ShelterId equals s.Id
                          where s.InstitutionId == viewer.InstitutionId
                          select p).FirstOrDefaultAsync(ct);
        if (open is null)
            return new() { [string.Empty] = [text["Placement_NotPlaced"]] };
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var admitted = DateOnly.FromDateTime(open.AdmittedAt.UtcDateTime);
        if (input.On is not { } on || on > today || on < admitted)
            errors[nameof(DischargeInput.On)] = [text["Discharge_DateInvalid"]];
        if (input.Reason is not { } reason || !Enum.IsDefined(reason))
            errors[nameof(DischargeInput.Reason)] = [text["Discharge_ReasonRequired"]];
        if (input.Destination is not { } destination || !Enum.IsDefined(destination))
            errors[nameof(DischargeInput.Destination)] = [text["Discharge_DestinationRequired"]];
        if (input.FollowUpConsent is null)
            errors[nameof(DischargeInput.FollowUpConsent)] = [text["Discharge_FollowUpRequired"]];
        if (input.Notes?.Trim().Length > 4000)
            errors[nameof(DischargeInput.Notes)] = [text["Validation_TooLong", 4000]];
        else if (!string.IsNullOrWhiteSpace(input.Notes) && !rights.CanWrite(DataClass.Care))
            errors[nameof(DischargeInput.Notes)] = [text["Case_NotWritable"]]; // notes are Care: only where the referral shared it
        if (errors.Count > 0)
            return errors;
        return await writes.RunSerializedAsync(viewer, async ct =>
        {
            var placement = await db.Placements.FirstAsync(p => p.Id == open.Id, ct);
            if (placement.DischargedAt is not null)
                return new Audited<Dictionary<string, string[]>>(new() { [string.Empty] = [text["Placement_NotPlaced"]] },
                    new AuditRecord(AccommodationAudit.Discharged, AuditOutcome.Denied, TargetType: AccommodationAudit.Placement, TargetId: open.Id, CaseId: caseId, Purpose: AccommodationAudit.Discharge));
            var keyId = await db.Cases.Where(x => x.Id == caseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
            var key = await dataKeys.UnwrapAsync(keyId, ct);
            // The day is the one given: now when it is today, else midday of that day (never before the admission).
            var at = input.On == today ? now : new DateTimeOffset(input.On!.Value.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            placement.DischargedAt = at < placement.AdmittedAt ? placement.AdmittedAt : at;
            placement.DischargedBy = viewer.UserId;
            placement.Reason = input.Reason;
            placement.Destination = input.Destination;
            placement.FollowUpConsent = input.FollowUpConsent;
            if (!string.IsNullOrWhiteSpace(input.Notes) && key is not null)
                placement.NotesEnc = db.Seal(placement, p => p.NotesEnc, input.Notes.Trim(), key, keyId);
            // With the person's consent, the follow-ups at 1, 3, 6 and 12 months become the discharging worker's tasks.
            if (placement.FollowUpConsent == true)
                followUps.Schedule(placement, viewer.InstitutionId);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>>([], new AuditRecord(AccommodationAudit.Discharged, TargetType: AccommodationAudit.Placement,
                TargetId: placement.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Discharge));
        }, ct);
    }
}
