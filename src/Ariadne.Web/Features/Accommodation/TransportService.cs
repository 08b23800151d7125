using System.Security.Cryptography;
using System.Text;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// Transport hand-overs with one-time codes. When a bed of the shelter is held for someone on their way, the shelter's
/// staff record who escorts the person (a police body or an NGO) and where the escort picks the person up — never the
/// shelter's address — and the system issues a code, shown once to the staff member to pass to the escort. Only a keyed
/// hash of the code is kept. At arrival the shelter's staff, or the guard on shift there, enter the code the escort
/// presents: the right code, once, before it expires, confirms the hand-over (audited) and burns the code; a wrong code
/// is counted, and after <see cref="TransportHandover.MaxAttempts"/> the hand-over locks.
/// </summary>
public sealed class TransportService(
    AriadneDbContext db, DataKeys dataKeys, KeyRing keys, AuditedWrites writes, AuditTrail audit, GuardService guards, TimeProvider time,
    IStringLocalizer<SharedResource> text)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read aloud at a door
    public const int CodeLength = 8;

    public sealed class HandoverInput
    {
        public Guid? BedId { get; set; }
        public Guid? EscortInstitutionId { get; set; }
        public string? MeetingPoint { get; set; }
        public string? Alias { get; set; }
    }

    public enum HandoverState { Pending = 1, Confirmed = 2, Expired = 3, TriesUsedUp = 4 }

    public sealed record HandoverRow(Guid Id, string Shelter, string Bed, string Escort, string? MeetingPoint, string? Alias, DateTimeOffset ExpiresAt,
        HandoverState State, DateTimeOffset? ConfirmedAt);

    public sealed record Arranged(Dictionary<string, string[]> Errors, string? Code);

    /// <summary>The code as the escort reads it: "ABCD-EFGH".</summary>
    public static string Display(string code) => code[..4] + "-" + code[4..];

    private static string Normalize(string? code) => new((code ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private byte[] Hash(Guid handoverId, string code) =>
        HMACSHA256.HashData(keys.BlindIndexKey, Encoding.UTF8.GetBytes("handover|" + handoverId.ToString("N") + "|" + Normalize(code)));

    private static HandoverState StateOf(TransportHandover t, DateTimeOffset now) =>
        t.ConfirmedAt is not null ? HandoverState.Confirmed
        : t.FailedAttempts >= TransportHandover.MaxAttempts ? HandoverState.TriesUsedUp
        : t.ExpiresAt <= now ? HandoverState.Expired : HandoverState.Pending;

    /// <summary>The hand-overs of the viewer's institution's shelters (staff only), newest first. Null for anyone else.</summary>
    public async Task<IReadOnlyList<HandoverRow>?> ListAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Staff))
            return null;
        var now = time.GetUtcNow();
        var rows = await (from t in db.TransportHandovers.AsNoTracking()
                          join s in db.Shelters on t.ShelterId equals s.Id
                          where s.InstitutionId == viewer.InstitutionId && t.CreatedAt > now.AddDays(-7)
                          join b in db.Beds on t.BedId equals b.Id
                          join i in db.Institutions on t.EscortInstitutionId equals i.Id
                          orderby t.CreatedAt descending
                          select new { t, Shelter = s.Name, s.DataKeyId, b.Label, Escort = i.Name }).ToListAsync(ct);
        var shelterKeys = await dataKeys.UnwrapManyAsync(rows.Select(r => r.DataKeyId).Distinct(), ct);
        return rows.Select(r =>
        {
            var key = shelterKeys.GetValueOrDefault(r.DataKeyId);
            return new HandoverRow(r.t.Id, r.Shelter, r.Label, r.Escort,
                key is null ? null : db.Open(r.t, x => x.MeetingPointEnc, key, r.DataKeyId), key is null ? null : db.Open(r.t, x => x.AliasEnc, key, r.DataKeyId),
                r.t.ExpiresAt, StateOf(r.t, now), r.t.ConfirmedAt);
        }).ToList();
    }

    /// <summary>The beds of the viewer's institution's shelters held now and not yet occupied: those a hand-over can be arranged for.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Label, DateTimeOffset HeldUntil)>> HeldBedsAsync(Viewer viewer, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var occupied = db.Placements.Where(p => p.DischargedAt == null).Select(p => p.BedId);
        var rows = await (from b in db.Beds.AsNoTracking()
                          join s in db.Shelters on b.ShelterId equals s.Id
                          where s.InstitutionId == viewer.InstitutionId && b.HeldUntil > now && !occupied.Contains(b.Id)
                          orderby s.Name, b.Label
                          select new { b.Id, s.Name, b.Label, b.HeldUntil }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name + " — " + r.Label, r.HeldUntil!.Value)).ToList();
    }

    /// <summary>The institutions that may escort a person (police bodies, NGOs, partners), by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> EscortsAsync(CancellationToken ct = default) =>
        (await db.Institutions.AsNoTracking().Where(i => i.IsActive && AccommodationRoles.Escorts.Contains(i.Kind)).OrderBy(i => i.Name)
            .Select(i => new { i.Id, i.Name }).ToListAsync(ct)).Select(i => (i.Id, i.Name)).ToList();

    /// <summary>
    /// Arranges the hand-over for a held bed of the viewer's shelter and issues its code (returned once, never stored).
    /// Null when the viewer is not a shelter's staff; errors by field otherwise.
    /// </summary>
    public async Task<Arranged?> ArrangeAsync(Viewer viewer, IReadOnlyCollection<string> roles, HandoverInput input, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Staff))
            return null;
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var bed = input.BedId is not { } bedId ? null : await (from b in db.Beds.AsNoTracking()
                                                               join s in db.Shelters on b.ShelterId equals s.Id
                                                               where b.Id == bedId && s.InstitutionId == viewer.InstitutionId
                                                               select new { b, s }).FirstOrDefaultAsync(ct);
        if (bed is null || !(bed.b.HeldUntil > now) || await db.Placements.AnyAsync(p => p.BedId == bed.b.Id && p.DischargedAt == null, ct))
            errors[nameof(HandoverInput.BedId)] = [text["Transport_BedRequired"]];
        if (input.EscortInstitutionId is not { } escortId
            || !await db.Institutions.AnyAsync(i => i.Id == escortId && i.IsActive && AccommodationRoles.Escorts.Contains(i.Kind), ct))
            errors[nameof(HandoverInput.EscortInstitutionId)] = [text["Transport_EscortRequired"]];
        var meeting = input.MeetingPoint?.Trim() ?? "";
        if (meeting.Length is 0 or > 300)
            errors[nameof(HandoverInput.MeetingPoint)] = [text["Transport_MeetingPointRequired", 300]];
        var alias = input.Alias?.Trim();
        if (alias?.Length > PlacementService.MaxAliasLength)
            errors[nameof(HandoverInput.Alias)] = [text["Validation_TooLong", PlacementService.MaxAliasLength]];
        byte[]? shelterKey = null;
        if (bed is not null && meeting.Length > 0)
        {
            // The escort must never learn the address: a meeting point that repeats it is refused.
            shelterKey = await dataKeys.UnwrapAsync(bed.s.DataKeyId, ct);
            var address = shelterKey is null ? null : db.Open(bed.s, x => x.AddressEnc, shelterKey, bed.s.DataKeyId);
            if (!string.IsNullOrWhiteSpace(address) && meeting.Contains(address.Trim(), StringComparison.OrdinalIgnoreCase))
                errors[nameof(HandoverInput.MeetingPoint)] = [text["Transport_MeetingPointIsAddress"]];
        }
        if (errors.Count > 0)
            return new Arranged(errors, null);
        var code = new string(RandomNumberGenerator.GetItems<char>(Alphabet, CodeLength));
        return await writes.RunAsync(viewer, async ct =>
        {
            var handover = new TransportHandover
            {
                ShelterId = bed!.s.Id,
                BedId = bed.b.Id,
                EscortInstitutionId = input.EscortInstitutionId!.Value,
                CodeHash = [],
                ExpiresAt = now + TransportHandover.Lifetime,
                CreatedBy = viewer.UserId,
                CreatedAt = now,
            };
            handover.CodeHash = Hash(handover.Id, code);
            handover.MeetingPointEnc = db.Seal(handover, x => x.MeetingPointEnc, meeting, shelterKey!, bed.s.DataKeyId);
            if (!string.IsNullOrEmpty(alias))
                handover.AliasEnc = db.Seal(handover, x => x.AliasEnc, alias, shelterKey!, bed.s.DataKeyId);
            db.TransportHandovers.Add(handover);
            await db.SaveChangesAsync(ct);
            return new Audited<Arranged?>(new Arranged([], code), new AuditRecord(AccommodationAudit.TransportArranged, TargetType: AccommodationAudit.Transport,
                TargetId: handover.Id, Purpose: AccommodationAudit.Arrange));
        }, ct);
    }

    /// <summary>
    /// The escort presents the code at arrival. Null when the viewer may not confirm at this shelter (not its staff, not its
    /// guard on shift) or the hand-over does not exist; errors (field "Code") when the code is wrong, used, expired or locked.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> ConfirmAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid handoverId, string? code, CancellationToken ct = default)
    {
        var shelter = await (from t in db.TransportHandovers.AsNoTracking()
                             where t.Id == handoverId
                             join s in db.Shelters on t.ShelterId equals s.Id
                             select new { s.Id, s.InstitutionId }).FirstOrDefaultAsync(ct);
        if (shelter is null)
            return null;
        var staff = AccommodationRoles.Any(roles, AccommodationRoles.Staff) && shelter.InstitutionId == viewer.InstitutionId;
        if (!staff && !(await guards.OpenShiftsAsync(viewer, roles, ct)).Any(s => s.ShelterId == shelter.Id))
        {
            // Every try at a code is audited, an outsider's too (it uses up none of the hand-over's tries).
            await audit.RecordAsync(new AuditRecord(AccommodationAudit.TransportConfirmed, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                AccommodationAudit.Transport, handoverId, Purpose: AccommodationAudit.HandOver), ct);
            return null;
        }
        return await writes.RunSerializedAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var handover = await db.TransportHandovers.FirstAsync(t => t.Id == handoverId, ct);
            var state = StateOf(handover, now);
            var error = state switch
            {
                HandoverState.Confirmed => text["Transport_CodeUsed"].Value,
                HandoverState.Expired => text["Transport_CodeExpired"].Value,
                HandoverState.TriesUsedUp => text["Transport_Locked"].Value,
                _ => null,
            };
            if (error is null && !CryptographicOperations.FixedTimeEquals(handover.CodeHash, Hash(handover.Id, code ?? "")))
            {
                handover.FailedAttempts++;
                var left = TransportHandover.MaxAttempts - handover.FailedAttempts;
                error = left > 0 ? text["Transport_CodeWrong", left].Value : text["Transport_Locked"].Value;
                await db.SaveChangesAsync(ct);
            }
            if (error is not null)
                return new Audited<Dictionary<string, string[]>?>(new() { ["Code"] = [error] }, new AuditRecord(AccommodationAudit.TransportConfirmed, AuditOutcome.Denied,
                    TargetType: AccommodationAudit.Transport, TargetId: handoverId, Purpose: AccommodationAudit.HandOver));
            handover.ConfirmedAt = now;
            handover.ConfirmedBy = viewer.UserId;
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.TransportConfirmed, TargetType: AccommodationAudit.Transport,
                TargetId: handoverId, Purpose: AccommodationAudit.HandOver));
        }, ct);
    }
}
