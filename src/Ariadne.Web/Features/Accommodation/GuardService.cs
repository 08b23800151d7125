using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// The security of the shelters (the plan's §6): the guard roster, kept by the shelter's manager or the Squad's chief, and
/// the guard board. A guard is a security officer of the Squad or of a police body with security functions whose
/// shelter-security training is current, checked at every use (deny by default): expired training, no role, or no open
/// shift means nothing at all. The board shows who is expected and who is present by the first name or alias the
/// person chose (or "Resident 3"), and nothing else: no surname, case number, date of birth, notes or case link.
/// Guards never hold a grant on a case; the board is read by this service for them.
/// </summary>
public sealed class GuardService(
    AriadneDbContext db, DataKeys dataKeys, AuditedWrites writes, TimeProvider time, UiTime uiTime, IStringLocalizer<SharedResource> text)
{
    public const int MaxShiftHours = 24;

    public sealed class ShiftInput
    {
        public Guid? ShelterId { get; set; }
        /// <summary>The guard's user name.</summary>
        public string? Guard { get; set; }
        /// <summary>The day the shift starts, on Baku time.</summary>
        public DateOnly? Day { get; set; }
        public int? StartHour { get; set; }
        public int? Hours { get; set; }
    }

    public sealed record ShiftRow(Guid Id, Guid ShelterId, string Shelter, string Guard, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    public sealed record RosterView(IReadOnlyList<(Guid Id, string Name)> Shelters, IReadOnlyList<ShiftRow> Shifts);

    public sealed record BoardPerson(string Name, DateTimeOffset Since);

    public sealed record BoardArrival(Guid HandoverId, string Name, string Escort, DateTimeOffset ExpiresAt);

    public sealed record ShelterBoard(Guid ShelterId, string Shelter, DateTimeOffset ShiftEndsAt, IReadOnlyList<BoardArrival> Expected, int HeldBeds, IReadOnlyList<BoardPerson> Present);

    /// <summary>Whether the user may guard today: the role's institution kind and current shelter-security training (the deny-by-default check at use).</summary>
    public async Task<bool> IsQualifiedGuardAsync(Guid userId, CancellationToken ct = default)
    {
        var today = uiTime.Today;
        var user = await db.Users.AsNoTracking().Include(u => u.Trainings).Include(u => u.Institution).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.IsDisabled || user.Institution is not { IsActive: true } institution)
            return false;
        var role = RoleCatalog.Find(RoleCatalog.SecurityOfficer)!;
        var hasRole = await (from ur in db.Set<IdentityUserRole<Guid>>()
                             join r in db.Roles on ur.RoleId equals r.Id
                             where ur.UserId == userId && r.Name == RoleCatalog.SecurityOfficer
                             select ur).AnyAsync(ct);
        return hasRole && role.Kinds.Contains(institution.Kind) && TrainingRecord.CurrentTopics(user.Trainings, today).Contains(TrainingTopic.ShelterSecurity);
    }

    /// <summary>The open shifts of the viewer, when the viewer is a qualified guard now; empty otherwise. The one predicate of the guard's reach.</summary>
    public async Task<IReadOnlyList<GuardShift>> OpenShiftsAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Guards) || !await IsQualifiedGuardAsync(viewer.UserId, ct))
            return [];
        var now = time.GetUtcNow();
        return await db.GuardShifts.AsNoTracking()
            .Where(s => s.GuardUserId == viewer.UserId && s.CancelledAt == null && s.StartsAt <= now && s.EndsAt > now).ToListAsync(ct);
    }

    /// <summary>The shelters whose roster the viewer keeps: a manager, those of the manager's institution; the Squad's chief, every shelter.</summary>
    private IQueryable<Shelter> Keepable(Viewer viewer, IReadOnlyCollection<string> roles)
    {
        var chief = roles.Contains(RoleCatalog.SquadChief) && db.Institutions.Any(i => i.Id == viewer.InstitutionId && i.Kind == InstitutionKind.AntiTraffickingSquad && i.IsActive);
        var manager = roles.Contains(RoleCatalog.ShelterManager);
        return db.Shelters.AsNoTracking().Where(s => chief || (manager && s.InstitutionId == viewer.InstitutionId));
    }

    /// <summary>The roster of the shelters the viewer keeps, from today on. Null when the viewer keeps no roster.</summary>
    public async Task<RosterView?> RosterAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.RosterKeepers))
            return null;
        var now = time.GetUtcNow();
        var shelters = await Keepable(viewer, roles).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var ids = shelters.Select(s => s.Id).ToList();
        var shifts = await (from s in db.GuardShifts.AsNoTracking()
                            where ids.Contains(s.ShelterId) && s.CancelledAt == null && s.EndsAt > now
                            join u in db.Users on s.GuardUserId equals u.Id
                            orderby s.StartsAt
                            select new { s.Id, s.ShelterId, u.DisplayName, s.StartsAt, s.EndsAt }).ToListAsync(ct);
        return new RosterView(shelters.Select(s => (s.Id, s.Name)).ToList(),
            shifts.Select(s => new ShiftRow(s.Id, s.ShelterId, shelters.First(x => x.Id == s.ShelterId).Name, s.DisplayName, s.StartsAt, s.EndsAt)).ToList());
    }

    /// <summary>Adds a shift. Null when the viewer keeps no roster; errors by field otherwise (a guard without current training is refused).</summary>
    public async Task<Dictionary<string, string[]>?> AddShiftAsync(Viewer viewer, IReadOnlyCollection<string> roles, ShiftInput input, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.RosterKeepers))
            return null;
        var errors = new Dictionary<string, string[]>();
        var now = time.GetUtcNow();
        if (input.ShelterId is not { } shelterId || !await Keepable(viewer, roles).AnyAsync(s => s.Id == shelterId, ct))
            errors[nameof(ShiftInput.ShelterId)] = [text["Shift_ShelterRequired"]];
        var name = input.Guard?.Trim() ?? "";
        var guard = name.Length == 0 ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name, ct);
        if (name.Length == 0)
            errors[nameof(ShiftInput.Guard)] = [text["Shift_GuardRequired"]];
        else if (guard is null || !await IsQualifiedGuardAsync(guard.Id, ct))
            errors[nameof(ShiftInput.Guard)] = [text["Shift_GuardNotQualified"]];
        if (input.Day is null)
            errors[nameof(ShiftInput.Day)] = [text["Validation_DateRequired"]];
        else if (input.Day < uiTime.DayOf(now).AddDays(-2) || input.Day > uiTime.DayOf(now).AddDays(62))
            errors[nameof(ShiftInput.Day)] = [text["Shift_DayInvalid"]]; // far from today (the calendar's ends would overflow the offset)
        if (input.StartHour is not (>= 0 and <= 23))
            errors[nameof(ShiftInput.StartHour)] = [text["Shift_StartHourInvalid"]];
        if (input.Hours is not (>= 1 and <= MaxShiftHours))
            errors[nameof(ShiftInput.Hours)] = [text["Shift_HoursInvalid", MaxShiftHours]];
        DateTimeOffset starts = default;
        if (errors.Count == 0)
        {
            var local = input.Day!.Value.ToDateTime(new TimeOnly(input.StartHour!.Value, 0));
            starts = new DateTimeOffset(local, uiTime.Zone.GetUtcOffset(local)).ToUniversalTime();
            if (starts.AddHours(input.Hours!.Value) <= now || starts > now.AddDays(60))
                errors[nameof(ShiftInput.Day)] = [text["Shift_DayInvalid"]];
        }
        if (errors.Count > 0)
            return errors;
        return await writes.RunAsync(viewer, async ct =>
        {
            var shift = new GuardShift
            {
                ShelterId = input.ShelterId!.Value,
                GuardUserId = guard!.Id,
                StartsAt = starts,
                EndsAt = starts.AddHours(input.Hours!.Value),
                CreatedBy = viewer.UserId,
                CreatedAt = now,
            };
            db.GuardShifts.Add(shift);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.ShiftSaved, TargetType: AccommodationAudit.Shift,
                TargetId: shift.Id, Purpose: AccommodationAudit.Roster));
        }, ct);
    }

    /// <summary>Cancels a shift of a shelter the viewer keeps; the guard loses the board at once. False when it is not the viewer's to cancel.</summary>
    public async Task<bool> CancelShiftAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid shiftId, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.RosterKeepers))
            return false;
        var keepable = Keepable(viewer, roles).Select(s => s.Id);
        return await writes.RunAsync(viewer, async ct =>
        {
            var shift = await db.GuardShifts.FirstOrDefaultAsync(s => s.Id == shiftId && s.CancelledAt == null && keepable.Contains(s.ShelterId), ct);
            if (shift is not null)
            {
                shift.CancelledAt = time.GetUtcNow();
                await db.SaveChangesAsync(ct);
            }
            return new Audited<bool>(shift is not null, new AuditRecord(AccommodationAudit.ShiftSaved, shift is null ? AuditOutcome.Denied : AuditOutcome.Allowed,
                TargetType: AccommodationAudit.Shift, TargetId: shiftId, Purpose: AccommodationAudit.Roster));
        }, ct);
    }

    /// <summary>
    /// The guard board of the shelters where the viewer is on shift now: who is expected and who is present, by the name they
    /// chose only. Null when the viewer is not a qualified guard on shift (the page answers 404, the API nothing).
    /// </summary>
    public async Task<IReadOnlyList<ShelterBoard>?> BoardAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var shifts = await OpenShiftsAsync(viewer, roles, ct);
        if (shifts.Count == 0)
            return null;
        return await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var ids = shifts.Select(s => s.ShelterId).Distinct().ToList();
            var shelters = await db.Shelters.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Name).ToListAsync(ct);
            var shelterKeys = await dataKeys.UnwrapManyAsync(shelters.Select(s => s.DataKeyId), ct);
            var present = await (from p in db.Placements.AsNoTracking()
                                 where ids.Contains(p.ShelterId) && p.DischargedAt == null
                                 join c in db.Cases on p.CaseId equals c.Id
                                 orderby p.AdmittedAt
                                 select new { p.Id, p.ShelterId, p.AdmittedAt, p.AliasEnc, c.Person!.DataKeyId }).ToListAsync(ct);
            var personKeys = await dataKeys.UnwrapManyAsync(present.Where(p => p.AliasEnc != null).Select(p => p.DataKeyId).Distinct(), ct);
            var arrivals = await (from t in db.TransportHandovers.AsNoTracking()
                                  where ids.Contains(t.ShelterId) && t.ConfirmedAt == null && t.ExpiresAt > now && t.FailedAttempts < TransportHandover.MaxAttempts
                                  join i in db.Institutions on t.EscortInstitutionId equals i.Id
                                  orderby t.CreatedAt
                                  select new { t.Id, t.ShelterId, t.AliasEnc, t.ExpiresAt, Escort = i.Name }).ToListAsync(ct);
            var held = await db.Beds.AsNoTracking().Where(b => ids.Contains(b.ShelterId) && b.HeldUntil > now).GroupBy(b => b.ShelterId)
                .Select(g => new { ShelterId = g.Key, Count = g.Count() }).ToListAsync(ct);
            var boards = shelters.Select(s =>
            {
                var key = shelterKeys.GetValueOrDefault(s.DataKeyId);
                var expected = arrivals.Where(a => a.ShelterId == s.Id).Select((a, n) =>
                {
                    var alias = key is null || a.AliasEnc is null ? null : db.Open<TransportHandover>(x => x.AliasEnc, a.AliasEnc, a.Id, key, s.DataKeyId);
                    return new BoardArrival(a.Id, alias ?? text["Guard_Arrival", n + 1].Value, a.Escort, a.ExpiresAt);
                }).ToList();
                var people = present.Where(p => p.ShelterId == s.Id).Select((p, n) =>
                {
                    var alias = p.AliasEnc is null || !personKeys.TryGetValue(p.DataKeyId, out var k) ? null : db.Open<Placement>(x => x.AliasEnc, p.AliasEnc, p.Id, k, p.DataKeyId);
                    return new BoardPerson(alias ?? text["Guard_Resident", n + 1].Value, p.AdmittedAt);
                }).ToList();
                return new ShelterBoard(s.Id, s.Name, shifts.Where(x => x.ShelterId == s.Id).Max(x => x.EndsAt), expected,
                    held.FirstOrDefault(h => h.ShelterId == s.Id)?.Count ?? 0, people);
            }).ToList();
            return new Audited<IReadOnlyList<ShelterBoard>?>(boards, new AuditRecord(AccommodationAudit.GuardBoardViewed, TargetType: AccommodationAudit.Shelter,
                TargetId: ids.Count == 1 ? ids[0] : null, Purpose: AccommodationAudit.Watch));
        }, ct);
    }
}
