using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
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
    FollowUpService followUps, TimeProvider time, Platform.Ui.UiTime uiTime, IStringLocalizer<SharedResource> text)
{
    /// <summary>The longest first name or alias a person may choose to be known by at the shelter.</summary>
    public const int MaxAliasLength = 60;

    public sealed record Stay(Guid Id, string Shelter, string? Bed, string? Address, DateTimeOffset AdmittedAt, DateTimeOffset? DischargedAt,
        DischargeReason? Reason, DischargeDestination? Destination, bool? FollowUpConsent, string? Notes, bool Ours, string? Alias = null);

    /// <summary>One current stay at the viewer's shelter, for its staff (the API's list): no address, no case data but its id.</summary>
    public sealed record Resident(Guid PlacementId, Guid CaseId, Guid ShelterId, Guid BedId, string? Alias, DateTimeOffset AdmittedAt);

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
    /// <summary>The shelter's side of a case: the shelter relation (not break-glass) and a shelter role. Its stay's own institution is checked where the stay is known.</summary>
    internal static bool ShelterSide(CaseRights rights, IReadOnlyCollection<string> roles) =>
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
            // The alias is for the shelter's own staff (and, through the guard board, its guards).
            var aliasKey = personKey ?? (rows.Any(r => r.s.InstitutionId == viewer.InstitutionId) ? await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct) : null);
            var stays = rows.Select(r =>
            {
                var ours = r.s.InstitutionId == viewer.InstitutionId;
                // The address: the shelter's own staff, and whoever may read where the person is (Contact & location), while the stay is open.
                var address = r.p.DischargedAt is null && (ours || rights.CanRead(DataClass.ContactLocation)) && shelterKeys.TryGetValue(r.s.DataKeyId, out var k)
                    ? db.Open(r.s, x => x.AddressEnc, k, r.s.DataKeyId) : null;
                var notes = personKey is null ? null : db.Open(r.p, x => x.NotesEnc, personKey, c.Person!.DataKeyId);
                var alias = ours && aliasKey is not null ? db.Open(r.p, x => x.AliasEnc, aliasKey, c.Person!.DataKeyId) : null;
                return new Stay(r.p.Id, r.s.Name, ours ? r.Label : null, address, r.p.AdmittedAt, r.p.DischargedAt, r.p.Reason, r.p.Destination, r.p.FollowUpConsent, notes, ours, alias);
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
    public async Task<Dictionary<string, string[]>?> AdmitAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, Guid? bedId, string? alias = null, CancellationToken ct = default)
    {
        var (errors, rights) = await CheckAdmitAsync(viewer, roles, caseId, bedId, alias, ct);
        if (errors is null || errors.Count > 0)
            return errors;
        try
        {
            // No "next" key; two admissions to one bed or of one case are settled by the unique indexes (LostRaceAsync below).
            return (await writes.RunAsync(viewer, ct => WriteAdmissionAsync(viewer, rights!, caseId, bedId!.Value, alias, ct), ct)).Errors;
        }
        catch (DbUpdateException)
        {
            return await LostRaceAsync(viewer, rights!, caseId, bedId, ct);
        }
    }

    public sealed record AdmissionOnce(Dictionary<string, string[]>? Errors, OnceOutcome Outcome, Guid? PlacementId);

    /// <summary>The API's admission: the same rules, once per <c>Idempotency-Key</c> (the same key and body → the first placement).</summary>
    public async Task<AdmissionOnce> AdmitOnceAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, Guid? bedId, string? alias, IdempotentRequest request,
        CancellationToken ct = default)
    {
        var (errors, rights) = await CheckAdmitAsync(viewer, roles, caseId, bedId, alias, ct);
        if (errors is null || errors.Count > 0)
            return new AdmissionOnce(errors, OnceOutcome.Done, null);
        try
        {
            // No "next" key; two admissions to one bed or of one case are settled by the unique indexes (LostRaceAsync below).
            var once = await writes.RunOnceUnserializedAsync(viewer, request, async ct =>
            {
                var written = await WriteAdmissionAsync(viewer, rights!, caseId, bedId!.Value, alias, ct);
                // A refusal is not remembered under the key: it rolls back, and is audited on its own below.
                return written.Result.Errors.Count > 0 ? throw new Refused(written.Result.Errors) : written;
            }, (id, _) => Task.FromResult(new Admission([], id)), ct);
            return new AdmissionOnce([], once.Outcome, once.Result?.PlacementId);
        }
        catch (Refused refused)
        {
            db.ChangeTracker.Clear();
            await audit.RecordAsync(new AuditRecord(AccommodationAudit.Admitted, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                AccommodationAudit.Bed, bedId, caseId, rights!.Through, AccommodationAudit.Admit), ct);
            return new AdmissionOnce(refused.Errors, OnceOutcome.Done, null);
        }
        catch (DbUpdateException)
        {
            return new AdmissionOnce(await LostRaceAsync(viewer, rights!, caseId, bedId, ct), OnceOutcome.Done, null);
        }
    }

    private sealed class Refused(Dictionary<string, string[]> errors) : Exception
    {
        public Dictionary<string, string[]> Errors { get; } = errors;
    }

    private async Task<(Dictionary<string, string[]>? Errors, CaseRights? Rights)> CheckAdmitAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, Guid? bedId,
        string? alias, CancellationToken ct)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, AccommodationAudit.Admit), ct);
            return (null, null);
        }
        if (!ShelterSide(rights, roles))
            return (new() { [string.Empty] = [text["Placement_NotYours"]] }, rights);
        var errors = new Dictionary<string, string[]>();
        if (bedId is null)
            errors["BedId"] = [text["Placement_BedRequired"]];
        if (alias?.Trim().Length > MaxAliasLength)
            errors["Alias"] = [text["Validation_TooLong", MaxAliasLength]];
        if (errors.Count > 0)
            return (errors, rights);
        if (await access.IsErasedAsync(caseId, ct))
            return (new() { [string.Empty] = [text["Case_Erased"]] }, rights);
        return ([], rights);
    }

    private sealed record Admission(Dictionary<string, string[]> Errors, Guid? PlacementId);

    /// <summary>
    /// Writes the admission, or a refusal; a concurrent admission to the same bed or of the same person is refused by the partial
    /// unique indexes on open stays (the callers answer it with LostRaceAsync). The referrals that became this case learn
    /// "placement confirmed" with the day, and their referrers get a notice: the referral's number only, no shelter, no address.
    /// </summary>
    private async Task<Audited<Admission>> WriteAdmissionAsync(Viewer viewer, CaseRights rights, Guid caseId, Guid bedId, string? alias, CancellationToken ct)
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
            return new Audited<Admission>(new Admission(refusal, null), new AuditRecord(AccommodationAudit.Admitted, AuditOutcome.Denied,
                TargetType: AccommodationAudit.Bed, TargetId: bedId, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Admit), Guid.Empty);
        var placement = new Placement { CaseId = caseId, ShelterId = bed!.ShelterId, BedId = bed.Id, AdmittedAt = now, AdmittedBy = viewer.UserId };
        if (!string.IsNullOrWhiteSpace(alias))
        {
            var keyId = await db.Cases.Where(x => x.Id == caseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
            var key = await dataKeys.UnwrapAsync(keyId, ct) ?? throw new InvalidOperationException("Erased.");
            placement.AliasEnc = db.Seal(placement, p => p.AliasEnc, alias.Trim(), key, keyId);
        }
        db.Placements.Add(placement);
        (bed.HeldUntil, bed.HeldByInstitutionId, bed.HeldByUserId) = (null, null, null);
        foreach (var referral in await db.Referrals.Where(r => r.CaseId == caseId).ToListAsync(ct))
        {
            referral.PlacementConfirmedAt = now;
            db.Notifications.Add(new Notification
            {
                RecipientUserId = referral.ReferredBy,
                Kind = AccommodationAudit.PlacementConfirmedNotice,
                CaseNumber = referral.Number,
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        return new Audited<Admission>(new Admission([], placement.Id), new AuditRecord(AccommodationAudit.Admitted, TargetType: AccommodationAudit.Placement,
            TargetId: placement.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Admit), placement.Id);
    }

    private async Task<Dictionary<string, string[]>> LostRaceAsync(Viewer viewer, CaseRights rights, Guid caseId, Guid? bedId, CancellationToken ct)
    {
        // The unique index refused a second open stay for the bed or the person: another admission won the race.
        db.ChangeTracker.Clear();
        await audit.RecordAsync(new AuditRecord(AccommodationAudit.Admitted, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
            AccommodationAudit.Bed, bedId, caseId, rights.Through, AccommodationAudit.Admit), ct);
        return new() { ["BedId"] = [text["Placement_BedTaken"]] };
    }

    /// <summary>Ends the person's stay with the mandatory discharge record. Null when the case is not visible.</summary>
    public async Task<Dictionary<string, string[]>?> DischargeAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, DischargeInput input, CancellationToken ct = default)
    {
        var (errors, rights, openId, today, now) = await CheckDischargeAsync(viewer, roles, caseId, input, null, ct);
        if (errors is null || errors.Count > 0)
            return errors;
        return await writes.RunAsync(viewer, ct => WriteDischargeAsync(viewer, rights!, caseId, openId, input, today, now, ct), ct);
    }

    private async Task<(Dictionary<string, string[]>? Errors, CaseRights? Rights, Guid OpenId, DateOnly Today, DateTimeOffset Now)> CheckDischargeAsync(
        Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, DischargeInput input, Guid? stayId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // The deployment's day, as the shelter's form shows it (from 20:00 UTC Baku is a day ahead of UTC).
        var today = uiTime.DayOf(now);
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, AccommodationAudit.Discharge), ct);
            return (null, null, Guid.Empty, today, now);
        }
        if (!ShelterSide(rights, roles))
            return (new() { [string.Empty] = [text["Placement_NotYours"]] }, rights, Guid.Empty, today, now);
        var errors = new Dictionary<string, string[]>();
        var open = await (from p in db.Placements.AsNoTracking()
                          where p.CaseId == caseId && p.DischargedAt == null
                          join s in db.Shelters on p.ShelterId equals s.Id
                          where s.InstitutionId == viewer.InstitutionId
                          select p).FirstOrDefaultAsync(ct);
        if (open is null)
            return (new() { [string.Empty] = [text["Placement_NotPlaced"]] }, rights, Guid.Empty, today, now);
        if (stayId is { } named && named != open.Id)
            return (new() { [string.Empty] = [text["Placement_StayEnded"]] }, rights, Guid.Empty, today, now); // an ended stay never closes the person's next one
        var admitted = uiTime.DayOf(open.AdmittedAt);
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
        return (errors, rights, open.Id, today, now);
    }

    public sealed record DischargeOnce(Dictionary<string, string[]>? Errors, OnceOutcome Outcome, Guid? PlacementId);

    /// <summary>The API's discharge: the same rules, once per <c>Idempotency-Key</c> (the same key and body → the same closed stay).</summary>
    public async Task<DischargeOnce> DischargeOnceAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, DischargeInput input, IdempotentRequest request,
        Guid? stayId = null, CancellationToken ct = default)
    {
        // A replay comes first: the stay it closed is closed, and the checks below would refuse it.
        var (previous, previousId) = await Idempotency.LookupAsync(db, viewer.UserId, request.Key, request.RequestHash, request.ResourceType, ct);
        if (previous != Idempotency.Outcome.New)
            return previous == Idempotency.Outcome.Replay && await access.RightsAsync(viewer, caseId, ct) is not null
                ? new DischargeOnce([], OnceOutcome.Replayed, previousId)
                : new DischargeOnce(previous == Idempotency.Outcome.Replay ? null : [], previous == Idempotency.Outcome.Replay ? OnceOutcome.Done : OnceOutcome.KeyConflict, null);
        var (errors, rights, openId, today, now) = await CheckDischargeAsync(viewer, roles, caseId, input, stayId, ct);
        if (errors is null || errors.Count > 0)
            return new DischargeOnce(errors, OnceOutcome.Done, null);
        try
        {
            var once = await writes.RunOnceUnserializedAsync(viewer, request, async ct =>
            {
                var written = await WriteDischargeAsync(viewer, rights!, caseId, openId, input, today, now, ct);
                return written.Result.Count > 0 ? throw new Refused(written.Result) : written;
            }, (id, _) => Task.FromResult<Dictionary<string, string[]>>([]), ct);
            return new DischargeOnce([], once.Outcome, openId);
        }
        catch (Refused refused)
        {
            db.ChangeTracker.Clear();
            await audit.RecordAsync(new AuditRecord(AccommodationAudit.Discharged, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                AccommodationAudit.Placement, openId, caseId, rights!.Through, AccommodationAudit.Discharge), ct);
            return new DischargeOnce(refused.Errors, OnceOutcome.Done, null);
        }
    }

    private async Task<Audited<Dictionary<string, string[]>>> WriteDischargeAsync(Viewer viewer, CaseRights rights, Guid caseId, Guid openId, DischargeInput input,
        DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        // The stay is claimed by a conditional update, not by the writers' lock: of two discharges at once, the second waits
        // for the first's row lock, then finds the stay closed (PostgreSQL evaluates the condition again) and changes nothing.
        var claimed = await db.Placements.Where(p => p.Id == openId && p.DischargedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.DischargedBy, viewer.UserId), ct);
        if (claimed == 0)
            return new Audited<Dictionary<string, string[]>>(new() { [string.Empty] = [text["Placement_NotPlaced"]] },
                new AuditRecord(AccommodationAudit.Discharged, AuditOutcome.Denied, TargetType: AccommodationAudit.Placement, TargetId: openId, CaseId: caseId, Purpose: AccommodationAudit.Discharge));
        var placement = await db.Placements.FirstAsync(p => p.Id == openId, ct);
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
            TargetId: placement.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Discharge), placement.Id);
    }

    /// <summary>
    /// The current stays at the viewer's institution's shelters, for its staff (the API's list): the alias, the day of admission and
    /// the bed, never an address or anything of the case. Null for anyone else.
    /// </summary>
    public async Task<IReadOnlyList<Resident>?> ResidentsAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Staff))
            return null;
        return await writes.RunAsync(viewer, async ct =>
        {
            var rows = await (from p in db.Placements.AsNoTracking()
                              where p.DischargedAt == null
                              join s in db.Shelters on p.ShelterId equals s.Id
                              where s.InstitutionId == viewer.InstitutionId
                              join c in db.Cases on p.CaseId equals c.Id
                              orderby p.AdmittedAt
                              select new { p, c.Person!.DataKeyId }).ToListAsync(ct);
            var keys = await dataKeys.UnwrapManyAsync(rows.Where(r => r.p.AliasEnc != null).Select(r => r.DataKeyId).Distinct(), ct);
            IReadOnlyList<Resident> list = rows.Select(r => new Resident(r.p.Id, r.p.CaseId, r.p.ShelterId, r.p.BedId,
                keys.TryGetValue(r.DataKeyId, out var k) ? db.Open(r.p, x => x.AliasEnc, k, r.DataKeyId) : null, r.p.AdmittedAt)).ToList();
            return new Audited<IReadOnlyList<Resident>?>(list, new AuditRecord(AccommodationAudit.PlacementsListed, TargetType: AccommodationAudit.Shelter, Purpose: AccommodationAudit.View));
        }, ct);
    }

    /// <summary>The shelter's staff record (or change, or clear) the first name or alias the person chose. Null when the case is not visible.</summary>
    public async Task<Dictionary<string, string[]>?> SetAliasAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid caseId, string? alias, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, AccommodationAudit.Admit), ct);
            return null;
        }
        if (!ShelterSide(rights, roles))
            return new() { [string.Empty] = [text["Placement_NotYours"]] };
        if (alias?.Trim().Length > MaxAliasLength)
            return new() { ["Alias"] = [text["Validation_TooLong", MaxAliasLength]] };
        return await writes.RunAsync(viewer, async ct =>
        {
            var placement = await (from p in db.Placements
                                   where p.CaseId == caseId && p.DischargedAt == null
                                   join s in db.Shelters on p.ShelterId equals s.Id
                                   where s.InstitutionId == viewer.InstitutionId
                                   select p).FirstOrDefaultAsync(ct);
            if (placement is null)
                return new Audited<Dictionary<string, string[]>?>(new() { [string.Empty] = [text["Placement_NotPlaced"]] }, new AuditRecord(AccommodationAudit.AliasSaved,
                    AuditOutcome.Denied, TargetType: AccommodationAudit.Placement, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Admit));
            var keyId = await db.Cases.Where(x => x.Id == caseId).Select(x => x.Person!.DataKeyId).FirstAsync(ct);
            var key = await dataKeys.UnwrapAsync(keyId, ct) ?? throw new InvalidOperationException("Erased.");
            placement.AliasEnc = string.IsNullOrWhiteSpace(alias) ? null : db.Seal(placement, p => p.AliasEnc, alias.Trim(), key, keyId);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.AliasSaved, TargetType: AccommodationAudit.Placement,
                TargetId: placement.Id, CaseId: caseId, Relation: rights.Through, Purpose: AccommodationAudit.Admit));
        }, ct);
    }
}
