using System.Globalization;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// Round-the-clock cover (the plan's §6: a 24/7 helpline): the roster of the helpline's operators, kept by its supervisors
/// for their own institution only (deny by default), under rest rules (<see cref="HelplineOptions"/>): the longest shift,
/// the least rest between shifts, the most night shifts in a row and the most hours in any 7 days. The gap finder flags,
/// a week ahead, every hour nobody is on shift or a required language is not spoken, with the operators who could take it
/// without breaking a rule, best first. <see cref="CoverAsync"/> tells the chat page and the call webhook whether anyone is on.
/// </summary>
public sealed class RosterService(
    AriadneDbContext db, AuditedWrites writes, TimeProvider time, IOptions<HelplineOptions> options, IOptions<UiOptions> ui,
    IStringLocalizer<SharedResource> text)
{
    /// <summary>The skills a profile may list.</summary>
    public static readonly string[] SkillCodes = ["chat", "child", "legal", "supervision"];

    /// <summary>How many operators a gap proposes.</summary>
    public const int MaxProposals = 5;

    /// <summary>A shift is a night shift when it works at least this long between 00:00 and 06:00 local time.</summary>
    public static readonly TimeSpan NightWork = TimeSpan.FromHours(3);

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly TimeSpan Reach = TimeSpan.FromDays(16);

    private HelplineOptions Rules => options.Value;
    private TimeZoneInfo Zone => UiTime.Resolve(ui.Value.TimeZone);

    public sealed class ShiftInput
    {
        public Guid? UserId { get; set; }
        /// <summary>The day the shift starts, on local time.</summary>
        public DateOnly? Day { get; set; }
        /// <summary>The start time, "08:00".</summary>
        public string? Start { get; set; }
        public int? Hours { get; set; }
    }

    public sealed class ProfileInput
    {
        public Guid? UserId { get; set; }
        /// <summary>ISO 639-1 codes, separated by commas or spaces.</summary>
        public string? Languages { get; set; }
        public List<string> Skills { get; set; } = [];
    }

    public sealed record ShiftRow(Guid Id, Guid UserId, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<string> Languages);

    public sealed record OperatorRow(Guid UserId, string Name, IReadOnlyList<string> Languages, IReadOnlyList<string> Skills, double HoursThisWeek);

    /// <summary>An operator who could take a shift covering the gap (from its start, as long as a shift may last) without breaking a rule.</summary>
    public sealed record Proposal(Guid UserId, string Name, double HoursThisWeek, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    /// <summary>Hours nobody is on shift (<paramref name="Uncovered"/>), or no one on shift speaks a required language.</summary>
    public sealed record Gap(DateTimeOffset From, DateTimeOffset To, bool Uncovered, IReadOnlyList<string> MissingLanguages, IReadOnlyList<Proposal> Proposals);

    public sealed record OnShift(Guid UserId, string Name, DateTimeOffset Until, IReadOnlyList<string> Languages);

    public sealed record RosterView(DateTimeOffset From, IReadOnlyList<OperatorRow> Operators, IReadOnlyList<ShiftRow> Shifts, IReadOnlyList<Gap> Gaps, CoverState Cover);

    private sealed record Staffer(Guid Id, string Name, IReadOnlyList<string> Languages, IReadOnlyList<string> Skills);

    private sealed record Span(Guid UserId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    /// <summary>Whether the viewer keeps the roster: a supervisor of an active helpline, working there. The one predicate of the roster's reach.</summary>
    public async Task<bool> KeepsRosterAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default) =>
        HelplineRoles.IsSupervisor(roles)
        && await db.Institutions.AnyAsync(i => i.Id == viewer.InstitutionId && i.Kind == InstitutionKind.Helpline && i.IsActive, ct)
        && await db.Users.AnyAsync(u => u.Id == viewer.UserId && u.InstitutionId == viewer.InstitutionId && !u.IsDisabled, ct);

    /// <summary>The roster of the viewer's helpline for the week ahead, its gaps and the operators. Null (audited as denied) when the viewer keeps no roster.</summary>
    public async Task<RosterView?> RosterAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (!await KeepsRosterAsync(viewer, roles, ct))
            return await DeniedAsync<RosterView?>(viewer, RosterAudit.RosterViewed, AuditTarget.Institution, viewer.InstitutionId, null, ct);
        var now = time.GetUtcNow();
        var from = Floor(now);
        var staff = await StaffAsync(viewer.InstitutionId, ct);
        var spans = await SpansAsync(viewer.InstitutionId, from - Reach, from + Week + Reach, ct);
        var gaps = Gaps(staff, spans, from, 7);
        var shifts = await db.HelplineShifts.AsNoTracking()
            .Where(s => s.InstitutionId == viewer.InstitutionId && s.EndsAt > now && s.StartsAt < from + Week)
            .OrderBy(s => s.StartsAt).ToListAsync(ct);
        var names = staff.ToDictionary(s => s.Id);
        var rows = shifts.Select(s => new ShiftRow(s.Id, s.UserId, names.GetValueOrDefault(s.UserId)?.Name ?? "—", s.StartsAt, s.EndsAt,
            names.GetValueOrDefault(s.UserId)?.Languages ?? [])).ToList();
        var operators = staff.Select(s => new OperatorRow(s.Id, s.Name, s.Languages, s.Skills, HoursIn(spans, s.Id, from, from + Week))).ToList();
        var cover = Cover(staff, spans, now);
        return await writes.RunAsync(viewer, async _ =>
        {
            await Task.CompletedTask;
            return new Audited<RosterView?>(new RosterView(from, operators, rows, gaps, cover),
                new AuditRecord(RosterAudit.RosterViewed, TargetType: AuditTarget.Institution, TargetId: viewer.InstitutionId, Purpose: RosterAudit.Roster));
        }, ct);
    }

    /// <summary>The gaps of the viewer's helpline from <paramref name="from"/> for <paramref name="days"/> days, each with its proposals. Null when the viewer keeps no roster.</summary>
    public async Task<IReadOnlyList<Gap>?> GapsAsync(Viewer viewer, IReadOnlyCollection<string> roles, DateTimeOffset from, int days = 7, CancellationToken ct = default)
    {
        if (days is < 1 or > 31 || !await KeepsRosterAsync(viewer, roles, ct))
            return null;
        var start = Floor(from);
        var staff = await StaffAsync(viewer.InstitutionId, ct);
        var spans = await SpansAsync(viewer.InstitutionId, start - Reach, start + TimeSpan.FromDays(days) + Reach, ct);
        return Gaps(staff, spans, start, days);
    }

    /// <summary>Who is on shift now at the helpline (names, for its own staff's pages).</summary>
    public async Task<IReadOnlyList<OnShift>> OnNowAsync(Guid institutionId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var staff = (await StaffAsync(institutionId, ct)).ToDictionary(s => s.Id);
        var on = await db.HelplineShifts.AsNoTracking()
            .Where(s => s.InstitutionId == institutionId && s.StartsAt <= now && s.EndsAt > now).OrderBy(s => s.EndsAt).ToListAsync(ct);
        return on.Where(s => staff.ContainsKey(s.UserId)).GroupBy(s => s.UserId)
            .Select(g => new OnShift(g.Key, staff[g.Key].Name, g.Max(s => s.EndsAt), staff[g.Key].Languages)).ToList();
    }

    /// <summary>Out of hours: nobody is on shift now.</summary>
    public async Task<bool> IsOutOfHoursAsync(Guid institutionId, CancellationToken ct = default) => (await CoverAsync(institutionId, ct)).OutOfHours;

    /// <summary>Whether the helpline is staffed now, for the chat page and the call webhook (no names).</summary>
    public async Task<CoverState> CoverAsync(Guid institutionId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var staff = await StaffAsync(institutionId, ct);
        var spans = await SpansAsync(institutionId, now - Hour, now + Hour, ct);
        return Cover(staff, spans, now);
    }

    /// <summary>What the chat page and the phone line say out of hours: the escalation route, in the page's language.</summary>
    public string OutOfHoursMessage() => text[Rules.OutOfHoursMessage].Value;

    /// <summary>
    /// Adds a shift for an operator of the viewer's helpline. Null (audited as denied) when the viewer keeps no roster; errors by
    /// field otherwise: a shift breaking a rest rule is refused with the rule named; another institution's user is refused and audited as denied.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> SaveShiftAsync(Viewer viewer, IReadOnlyCollection<string> roles, ShiftInput input, CancellationToken ct = default)
    {
        if (!await KeepsRosterAsync(viewer, roles, ct))
            return await DeniedAsync<Dictionary<string, string[]>?>(viewer, RosterAudit.ShiftSaved, RosterAudit.Profile, input.UserId, null, ct);
        var errors = new Dictionary<string, string[]>();
        var now = time.GetUtcNow();
        var staff = await StaffAsync(viewer.InstitutionId, ct);
        var person = input.UserId is { } id ? staff.FirstOrDefault(s => s.Id == id) : null;
        if (input.UserId is null)
            errors[nameof(ShiftInput.UserId)] = [text["Roster_OperatorRequired"]];
        else if (person is null)
            return await DeniedAsync(viewer, RosterAudit.ShiftSaved, RosterAudit.Profile, input.UserId,
                new Dictionary<string, string[]> { [nameof(ShiftInput.UserId)] = [text["Roster_OperatorNotOurs"]] }, ct);
        var today = UiTime.DayIn(Zone, now);
        if (input.Day is null)
            errors[nameof(ShiftInput.Day)] = [text["Validation_DateRequired"]];
        else if (input.Day < today.AddDays(-1) || input.Day > today.AddDays(60))
            errors[nameof(ShiftInput.Day)] = [text["Roster_DayInvalid"]];
        if (!TryTime(input.Start, out var startTime))
            errors[nameof(ShiftInput.Start)] = [text["Roster_StartInvalid"]];
        if (input.Hours is not (>= 1 and <= 24))
            errors[nameof(ShiftInput.Hours)] = [text["Roster_HoursInvalid"]];
        if (errors.Count > 0)
            return errors;
        var starts = Utc(input.Day!.Value, startTime);
        var ends = starts.AddHours(input.Hours!.Value);
        if (ends <= now)
            return new() { [nameof(ShiftInput.Day)] = [text["Roster_DayInvalid"]] };
        if (ends - starts > Rules.ShiftMaxLength)
            return new() { [nameof(ShiftInput.Hours)] = [text["Roster_RuleLength", Hours(Rules.ShiftMaxLength)]] };
        return await writes.RunSerializedAsync(viewer, async ct =>
        {
            var others = await SpansAsync(viewer.InstitutionId, starts - Reach, ends + Reach, ct, person!.Id);
            if (RuleBroken(others, starts, ends) is { } broken)
                return new Audited<Dictionary<string, string[]>?>(new() { [nameof(ShiftInput.Day)] = [broken] },
                    new AuditRecord(RosterAudit.ShiftSaved, AuditOutcome.Failed, TargetType: RosterAudit.Profile, TargetId: person.Id, Purpose: RosterAudit.Roster));
            var shift = new HelplineShift
            {
                InstitutionId = viewer.InstitutionId,
                UserId = person.Id,
                StartsAt = starts,
                EndsAt = ends,
                CreatedBy = viewer.UserId,
                CreatedAt = now,
            };
            db.HelplineShifts.Add(shift);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([],
                new AuditRecord(RosterAudit.ShiftSaved, TargetType: RosterAudit.Shift, TargetId: shift.Id, Purpose: RosterAudit.Roster));
        }, ct);
    }

    /// <summary>Removes a shift of the viewer's helpline. False (audited as denied) when it is not the viewer's to remove.</summary>
    public async Task<bool> RemoveShiftAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid shiftId, CancellationToken ct = default)
    {
        var keeps = await KeepsRosterAsync(viewer, roles, ct);
        return await writes.RunAsync(viewer, async ct =>
        {
            var shift = keeps ? await db.HelplineShifts.FirstOrDefaultAsync(s => s.Id == shiftId && s.InstitutionId == viewer.InstitutionId, ct) : null;
            if (shift is not null)
            {
                db.HelplineShifts.Remove(shift);
                await db.SaveChangesAsync(ct);
            }
            return new Audited<bool>(shift is not null, new AuditRecord(RosterAudit.ShiftRemoved, shift is null ? AuditOutcome.Denied : AuditOutcome.Allowed,
                TargetType: RosterAudit.Shift, TargetId: shiftId, Purpose: RosterAudit.Roster));
        }, ct);
    }

    /// <summary>Saves an operator's languages and skills. Null (audited as denied) when the viewer keeps no roster; errors by field otherwise.</summary>
    public async Task<Dictionary<string, string[]>?> SaveProfileAsync(Viewer viewer, IReadOnlyCollection<string> roles, ProfileInput input, CancellationToken ct = default)
    {
        if (!await KeepsRosterAsync(viewer, roles, ct))
            return await DeniedAsync<Dictionary<string, string[]>?>(viewer, RosterAudit.ProfileSaved, RosterAudit.Profile, input.UserId, null, ct);
        var errors = new Dictionary<string, string[]>();
        var staff = await StaffAsync(viewer.InstitutionId, ct);
        if (input.UserId is null)
            errors[nameof(ProfileInput.UserId)] = [text["Roster_OperatorRequired"]];
        else if (staff.All(s => s.Id != input.UserId))
            return await DeniedAsync(viewer, RosterAudit.ProfileSaved, RosterAudit.Profile, input.UserId,
                new Dictionary<string, string[]> { [nameof(ProfileInput.UserId)] = [text["Roster_OperatorNotOurs"]] }, ct);
        var languages = (input.Languages ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.ToLowerInvariant()).Distinct().ToList();
        if (languages.Count == 0)
            errors[nameof(ProfileInput.Languages)] = [text["Roster_LanguagesRequired"]];
        else if (languages.Count > 12 || languages.Any(l => l.Length != 2 || !l.All(char.IsAsciiLetterLower)))
            errors[nameof(ProfileInput.Languages)] = [text["Roster_LanguagesInvalid"]];
        var skills = input.Skills.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList();
        if (skills.Any(s => !SkillCodes.Contains(s)))
            errors[nameof(ProfileInput.Skills)] = [text["Roster_SkillsInvalid"]];
        if (errors.Count > 0)
            return errors;
        var userId = input.UserId!.Value;
        return await writes.RunAsync(viewer, async ct =>
        {
            var profile = await db.OperatorProfiles.FirstOrDefaultAsync(p => p.UserId == userId, ct);
            if (profile is null)
            {
                profile = new OperatorProfile { UserId = userId };
                db.OperatorProfiles.Add(profile);
            }
            profile.InstitutionId = viewer.InstitutionId;
            profile.Languages = string.Join(',', languages);
            profile.Skills = string.Join(',', SkillCodes.Where(skills.Contains));
            profile.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([],
                new AuditRecord(RosterAudit.ProfileSaved, TargetType: RosterAudit.Profile, TargetId: userId, Purpose: RosterAudit.Roster));
        }, ct);
    }

    /// <summary>The first rest rule the shift would break, as a message naming it; null when it breaks none. <paramref name="others"/> are the operator's other shifts.</summary>
    private string? RuleBroken(IReadOnlyList<Span> others, DateTimeOffset starts, DateTimeOffset ends)
    {
        if (ends - starts > Rules.ShiftMaxLength)
            return text["Roster_RuleLength", Hours(Rules.ShiftMaxLength)];
        if (others.Any(o => o.StartsAt < ends && o.EndsAt > starts))
            return text["Roster_RuleOverlap"];
        if (others.Any(o => (o.EndsAt <= starts && starts - o.EndsAt < Rules.MinRestBetweenShifts) || (o.StartsAt >= ends && o.StartsAt - ends < Rules.MinRestBetweenShifts)))
            return text["Roster_RuleRest", Hours(Rules.MinRestBetweenShifts)];
        var mine = Nights(starts, ends);
        if (mine.Count > 0)
        {
            var nights = others.SelectMany(o => Nights(o.StartsAt, o.EndsAt)).Concat(mine).ToHashSet();
            foreach (var night in mine)
            {
                var run = 1;
                for (var d = night.AddDays(-1); nights.Contains(d); d = d.AddDays(-1))
                    run++;
                for (var d = night.AddDays(1); nights.Contains(d); d = d.AddDays(1))
                    run++;
                if (run > Rules.MaxConsecutiveNights)
                    return text["Roster_RuleNights", Rules.MaxConsecutiveNights];
            }
        }
        var all = others.Append(new Span(Guid.Empty, starts, ends)).ToList();
        // The hours in a sliding 7-day window peak where the window starts at a shift's start or ends at a shift's end.
        foreach (var t in all.Select(s => s.StartsAt).Concat(all.Select(s => s.EndsAt - Week)))
        {
            if (t >= ends || t + Week <= starts)
                continue;
            if (all.Sum(s => Overlap(s.StartsAt, s.EndsAt, t, t + Week).TotalHours) > Rules.MaxHoursPerRollingWeek + 1e-9)
                return text["Roster_RuleWeek", Rules.MaxHoursPerRollingWeek];
        }
        return null;
    }

    /// <summary>The local days whose night (00:00–06:00) the shift works at least <see cref="NightWork"/> of.</summary>
    private List<DateOnly> Nights(DateTimeOffset starts, DateTimeOffset ends)
    {
        var nights = new List<DateOnly>();
        var first = UiTime.DayIn(Zone, starts);
        var last = UiTime.DayIn(Zone, ends);
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            var from = Utc(d, new TimeOnly(0, 0));
            if (Overlap(starts, ends, from, Utc(d, new TimeOnly(6, 0))) >= NightWork)
                nights.Add(d);
        }
        return nights;
    }

    private List<Gap> Gaps(IReadOnlyList<Staffer> staff, IReadOnlyList<Span> spans, DateTimeOffset start, int days)
    {
        var required = Rules.RequiredLanguages.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).Distinct().ToList();
        var byId = staff.ToDictionary(s => s.Id);
        var ranges = new List<(DateTimeOffset From, DateTimeOffset To, bool Uncovered, List<string> Missing)>();
        for (var i = 0; i < days * 24; i++)
        {
            var hour = start + i * Hour;
            var on = spans.Where(s => s.StartsAt <= hour && s.EndsAt >= hour + Hour && byId.ContainsKey(s.UserId)).Select(s => s.UserId).Distinct().ToList();
            var spoken = on.SelectMany(id => byId[id].Languages).ToHashSet();
            var missing = required.Where(l => !spoken.Contains(l)).ToList();
            if (on.Count > 0 && missing.Count == 0)
                continue;
            if (ranges.Count > 0 && ranges[^1].To == hour && ranges[^1].Uncovered == (on.Count == 0) && ranges[^1].Missing.SequenceEqual(missing))
                ranges[^1] = ranges[^1] with { To = hour + Hour };
            else
                ranges.Add((hour, hour + Hour, on.Count == 0, missing));
        }
        return ranges.Select(r =>
        {
            var ends = r.From + Min(r.To - r.From, Rules.ShiftMaxLength);
            var proposals = staff
                .Where(s => r.Uncovered || r.Missing.All(s.Languages.Contains))
                .Where(s => RuleBroken(spans.Where(x => x.UserId == s.Id).ToList(), r.From, ends) is null)
                .Select(s => new Proposal(s.Id, s.Name, HoursIn(spans, s.Id, start, start + Week), r.From, ends))
                .OrderBy(p => p.HoursThisWeek).ThenBy(p => p.Name, StringComparer.CurrentCulture).Take(MaxProposals).ToList();
            return new Gap(r.From, r.To, r.Uncovered, r.Missing, proposals);
        }).ToList();
    }

    private static CoverState Cover(IReadOnlyList<Staffer> staff, IReadOnlyList<Span> spans, DateTimeOffset now)
    {
        var on = spans.Where(s => s.StartsAt <= now && s.EndsAt > now).Select(s => s.UserId).Distinct()
            .Select(id => staff.FirstOrDefault(s => s.Id == id)).OfType<Staffer>().ToList();
        return new CoverState(on.Count == 0, on.Count, on.SelectMany(s => s.Languages).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The active staff of the helpline (operators and supervisors), with their profiles.</summary>
    private async Task<List<Staffer>> StaffAsync(Guid institutionId, CancellationToken ct)
    {
        var staffRoles = HelplineRoles.Staff;
        var users = await (from u in db.Users.AsNoTracking()
                           where u.InstitutionId == institutionId && !u.IsDisabled
                                 && (from ur in db.Set<IdentityUserRole<Guid>>()
                                     join r in db.Roles on ur.RoleId equals r.Id
                                     where ur.UserId == u.Id && staffRoles.Contains(r.Name!)
                                     select ur).Any()
                           select new { u.Id, u.DisplayName }).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var profiles = await db.OperatorProfiles.AsNoTracking().Where(p => ids.Contains(p.UserId) && p.InstitutionId == institutionId).ToDictionaryAsync(p => p.UserId, ct);
        return users.Select(u =>
        {
            var p = profiles.GetValueOrDefault(u.Id);
            return new Staffer(u.Id, u.DisplayName, List(p?.Languages), List(p?.Skills));
        }).OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
    }

    private async Task<List<Span>> SpansAsync(Guid institutionId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct, Guid? userId = null) =>
        await db.HelplineShifts.AsNoTracking()
            .Where(s => s.InstitutionId == institutionId && s.EndsAt > from && s.StartsAt < to && (userId == null || s.UserId == userId))
            .Select(s => new Span(s.UserId, s.StartsAt, s.EndsAt)).ToListAsync(ct);

    private async Task<T> DeniedAsync<T>(Viewer viewer, AuditAction action, AuditTarget target, Guid? targetId, T answer, CancellationToken ct) =>
        await writes.RunAsync(viewer, async _ =>
        {
            await Task.CompletedTask;
            return new Audited<T>(answer, new AuditRecord(action, AuditOutcome.Denied, TargetType: target, TargetId: targetId, Purpose: RosterAudit.Roster));
        }, ct);

    private static double HoursIn(IReadOnlyList<Span> spans, Guid userId, DateTimeOffset from, DateTimeOffset to) =>
        spans.Where(s => s.UserId == userId).Sum(s => Overlap(s.StartsAt, s.EndsAt, from, to).TotalHours);

    private static TimeSpan Overlap(DateTimeOffset a1, DateTimeOffset a2, DateTimeOffset b1, DateTimeOffset b2)
    {
        var span = (a2 < b2 ? a2 : b2) - (a1 > b1 ? a1 : b1);
        return span > TimeSpan.Zero ? span : TimeSpan.Zero;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Hours(TimeSpan span) => span.TotalHours.ToString("0.#", CultureInfo.CurrentCulture);

    private static DateTimeOffset Floor(DateTimeOffset moment)
    {
        var utc = moment.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>A local day and time as a UTC moment.</summary>
    private DateTimeOffset Utc(DateOnly day, TimeOnly at)
    {
        var local = day.ToDateTime(at);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static bool TryTime(string? value, out TimeOnly at) =>
        TimeOnly.TryParseExact((value ?? "").Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at);

    private static List<string> List(string? csv) =>
        (csv ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
