using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Statistics;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// The release pipeline. A statistician of the National Coordinator's office drafts a release of a period: the facts are
/// rebuilt, every table is counted, suppressed (by its threshold, by the cells earlier releases hid, and to cover them) and
/// perturbed; the register of released tables refuses a cut that would show a cell an earlier release of an overlapping
/// period hid while fewer than the threshold of its people fall outside the overlap (the differencing attack). A Coordinator
/// who did not draft it approves it; then it is published, and its cuts enter the register. Every step is audited. Only
/// protected tables are ever stored or shown; the true counts live only inside one call.
/// </summary>
public sealed class StatisticsReleases(AriadneDbContext db, AuditedWrites writes, StatisticsProjection projection, StatTableQuery query, TimeProvider time,
    UiTime uiTime, BlindIndex index, IStringLocalizer<SharedResource> text) : IPublishedStatistics
{
    public const int FirstYear = 2004;

    public static readonly string[] ExcludedRoles = [RoleCatalog.Auditor, RoleCatalog.Administrator];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How the viewer stands: the office drafts and sees drafts; a Coordinator of it approves and publishes; every other member of staff reads what is published and their own institution's figures.</summary>
    public sealed record Standing(Guid InstitutionId, InstitutionKind? Kind, bool Office, bool Coordinator, bool Staff);

    public sealed class DraftInput
    {
        public StatPeriodKind? Kind { get; set; }
        public int? Year { get; set; }
        /// <summary>Hide again the cells earlier releases of overlapping periods hid (on unless a statistician turns it off; the register checks either way).</summary>
        public bool CarryForward { get; set; } = true;
    }

    /// <summary>A cell the register refuses: which table, which row and column (codes), and the release that hid it.</summary>
    public sealed record Conflict(string TableCode, string TitleKey, string Row, string Column, string ReleaseNumber);

    public sealed record ReleaseView(StatRelease Release, IReadOnlyList<ReleasedTable> Tables, bool CanApprove, bool CanPublish, bool CanDiscard);

    public async Task<Standing> StandingAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var kind = await db.Institutions.AsNoTracking().Where(i => i.Id == viewer.InstitutionId && i.IsActive).Select(i => (InstitutionKind?)i.Kind).FirstOrDefaultAsync(ct);
        var active = kind is not null && await db.Users.AnyAsync(u => u.Id == viewer.UserId && u.InstitutionId == viewer.InstitutionId && !u.IsDisabled, ct);
        var office = active && kind == InstitutionKind.NationalCoordinator && (roles.Contains(RoleCatalog.Coordinator) || roles.Contains(RoleCatalog.Analyst));
        var staff = active && roles.Count > 0 && !roles.All(ExcludedRoles.Contains);
        return new Standing(viewer.InstitutionId, kind, office, office && roles.Contains(RoleCatalog.Coordinator), staff);
    }

    public IReadOnlyList<StatTable> Tables => projection.Tables;

    public static IReadOnlyList<ReleasedTable> TablesOf(StatRelease release) => JsonSerializer.Deserialize<List<ReleasedTable>>(release.Tables, Json)!;

    private async Task<string> NextNumberAsync(CancellationToken ct)
    {
        var year = uiTime.Today.Year;
        var prefix = $"STAT-{year}-";
        var last = await db.Set<StatRelease>().Where(r => r.Number.StartsWith(prefix)).Select(r => r.Number).OrderByDescending(n => n).FirstOrDefaultAsync(ct);
        var n = last is null ? 0 : int.Parse(last[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
        return prefix + (n + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<bool> DeniedAsync(Viewer viewer, AuditAction action, Guid? id, CancellationToken ct) =>
        writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(false, new AuditRecord(action, AuditOutcome.Denied, TargetType: StatisticsAudit.Release, TargetId: id,
            Purpose: StatisticsAudit.Production))), ct);

    /// <summary>The input's errors, by field.</summary>
    public Dictionary<string, string[]> Validate(DraftInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[nameof(DraftInput.Kind)] = [text["Stat_PeriodRequired"]];
        var latest = uiTime.Today.Year;
        if (input.Year is not { } year)
            errors[nameof(DraftInput.Year)] = [text["Stat_YearRequired"]];
        else if (year < FirstYear || year > latest)
            errors[nameof(DraftInput.Year)] = [text["Stat_YearRange", FirstYear, latest]];
        return errors;
    }

    /// <summary>
    /// Drafts a release: the facts rebuilt, each table counted and protected, the register consulted. Returns the draft's id;
    /// or the errors of the input; or the conflicts the register found (nothing saved, the refusal audited). Null for anyone
    /// outside the office (audited). The same form key twice answers the first draft. <paramref name="refresh"/> false drafts
    /// from the facts as they stand (the nightly rebuild's), as tests and the benchmark do.
    /// </summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors, IReadOnlyList<Conflict> Conflicts)> DraftAsync(Viewer viewer, IReadOnlyCollection<string> roles,
        DraftInput input, string? formKey = null, bool refresh = true, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Office)
        {
            await DeniedAsync(viewer, StatisticsAudit.Drafted, null, ct);
            return (null, null, []);
        }
        var request = IdempotentRequest.ForAddition(index, formKey, "stat-release", viewer.InstitutionId, new { input.Kind, input.Year, input.CarryForward });
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }, []) : (seen.Result, [], []);
        var errors = Validate(input);
        if (errors.Count > 0)
            return (null, errors, []);
        var period = new StatPeriod(input.Kind!.Value, input.Year!.Value);

        if (refresh)
            await projection.RefreshAsync(viewer, ct);
        var (tables, hidden, carried, conflicts) = await ProtectAsync(period, input.CarryForward, ct);
        if (conflicts.Count > 0)
        {
            await writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(false, new AuditRecord(StatisticsAudit.Refused, AuditOutcome.Denied,
                TargetType: StatisticsAudit.Release, Purpose: StatisticsAudit.Differencing))), ct);
            return (null, [], conflicts);
        }
        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var release = new StatRelease
            {
                Number = await NextNumberAsync(ct),
                PeriodKind = period.Kind,
                Year = period.Year,
                Tables = JsonSerializer.Serialize(tables, Json),
                HiddenCells = hidden,
                CarriedCells = carried,
                DraftedBy = viewer.UserId,
                DraftedAt = time.GetUtcNow(),
            };
            db.Set<StatRelease>().Add(release);
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(release.Id, new AuditRecord(StatisticsAudit.Drafted, TargetType: StatisticsAudit.Release, TargetId: release.Id, Purpose: StatisticsAudit.Production), release.Id);
        }
        if (request is null)
            return (await writes.RunSerializedAsync(viewer, Work, ct), [], []);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }, []) : (once.Result, [], []);
    }

    /// <summary>Counts and protects every table of the period, consulting the register; the conflicts are the cells it refuses.</summary>
    public async Task<(List<ReleasedTable> Tables, int Hidden, int Carried, List<Conflict> Conflicts)> ProtectAsync(StatPeriod period, bool carryForward, CancellationToken ct)
    {
        var tables = new List<ReleasedTable>();
        var conflicts = new List<Conflict>();
        int hidden = 0, carried = 0;
        var cuts = await RegisteredCutsAsync(period, ct);
        foreach (var table in Tables)
        {
            var raw = await query.CountAsync(table, period, null, ct);
            var risky = await RiskyCellsAsync(table, period, cuts.Where(c => c.Cut.TableCode == table.Code).ToList(), ct);
            var mask = Disclosure.Suppress(raw, carryForward ? (r, c) => risky.ContainsKey((r, c)) : null);
            var published = Disclosure.Publish(raw, mask);
            foreach (var ((row, column), number) in risky)
                if (!Hidden(published, row, column))
                    conflicts.Add(new Conflict(table.Code, table.TitleKey, row, column, number));
                else
                    carried++;
            hidden += mask.Count;
            tables.Add(published);
        }
        return (tables, hidden, carried, conflicts);
    }

    /// <summary>Whether a released table hides the cell with these codes (totals as "*").</summary>
    public static bool Hidden(ReleasedTable t, string row, string column)
    {
        var r = row == ReleasedTable.All && t.Rows != StatDimension.None ? -1 : IndexOf(t.RowCodes, row);
        var c = column == ReleasedTable.All && t.Columns != StatDimension.None ? -1 : IndexOf(t.ColumnCodes, column);
        if (r == -2 || c == -2)
            return true; // a row or column the table does not have shows nothing
        return r == -1 ? (c == -1 ? t.Total is null : t.ColumnTotals[c] is null) : c == -1 ? t.RowTotals[r] is null : t.Cells[r][c] is null;
    }

    private static int IndexOf(IReadOnlyList<string> codes, string code)
    {
        for (var i = 0; i < codes.Count; i++)
            if (codes[i] == code)
                return i;
        return -2;
    }

    /// <summary>The registered cuts whose period overlaps this one, with their release's number and hidden cells.</summary>
    private async Task<List<(StatReleaseCut Cut, string Number, HashSet<(string, string)> Hidden)>> RegisteredCutsAsync(StatPeriod period, CancellationToken ct)
    {
        var cuts = await (from c in db.Set<StatReleaseCut>().AsNoTracking()
                          join r in db.Set<StatRelease>().AsNoTracking() on c.ReleaseId equals r.Id
                          where c.From < period.Until && period.From < c.Until
                          select new { Cut = c, r.Number }).ToListAsync(ct);
        return cuts.Select(x => (x.Cut, x.Number, JsonSerializer.Deserialize<List<string>>(x.Cut.Hidden, Json)!
            .Select(h => h.Split('|')).Select(p => (p[0], p[1])).ToHashSet())).ToList();
    }

    /// <summary>
    /// The cells that must stay hidden in a cut of this table for this period: each cell an overlapping registered cut hid,
    /// unless at least the threshold of its people fall outside the overlap (in one period and not the other) — then the
    /// two values differ by too many people for one to give the other away. Same period: always.
    /// </summary>
    private async Task<Dictionary<(string Row, string Column), string>> RiskyCellsAsync(StatTable table, StatPeriod period,
        List<(StatReleaseCut Cut, string Number, HashSet<(string, string)> Hidden)> cuts, CancellationToken ct)
    {
        var risky = new Dictionary<(string, string), string>();
        foreach (var (cut, number, hiddenThere) in cuts)
        {
            if (hiddenThere.Count == 0)
                continue;
            var outside = new Dictionary<(string, string), long>();
            foreach (var (from, until) in Outside(period.From, period.Until, cut.From, cut.Until))
                foreach (var (cell, n) in StatTableQuery.Counts(await query.CountAsync(table, from, until, null, ct)))
                    outside[cell] = outside.GetValueOrDefault(cell) + n;
            foreach (var cell in hiddenThere)
                if (outside.GetValueOrDefault(cell) < table.Threshold)
                    risky.TryAdd(cell, number);
        }
        return risky;
    }

    /// <summary>The months in exactly one of two periods, as ranges.</summary>
    public static IEnumerable<(DateOnly From, DateOnly Until)> Outside(DateOnly aFrom, DateOnly aUntil, DateOnly bFrom, DateOnly bUntil)
    {
        var (lo, hi) = (aFrom < bFrom ? aFrom : bFrom, aFrom < bFrom ? bFrom : aFrom);
        if (lo < hi)
            yield return (lo, hi);
        var (lo2, hi2) = (aUntil < bUntil ? aUntil : bUntil, aUntil < bUntil ? bUntil : aUntil);
        if (lo2 < hi2)
            yield return (lo2, hi2);
    }

    /// <summary>A release as the viewer may see it: the office sees drafts; everyone else published releases only. Null otherwise.</summary>
    public async Task<ReleaseView?> GetAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var release = await db.Set<StatRelease>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (release is null || !s.Staff || !(s.Office || release.Status == ReleaseStatus.Published))
            return null;
        var open = release.Status is ReleaseStatus.Draft or ReleaseStatus.Approved;
        return new ReleaseView(release, TablesOf(release),
            CanApprove: s.Coordinator && release.Status == ReleaseStatus.Draft && release.DraftedBy != viewer.UserId,
            CanPublish: s.Coordinator && release.Status == ReleaseStatus.Approved,
            CanDiscard: s.Office && open);
    }

    /// <summary>The releases the viewer may see, newest first.</summary>
    public async Task<IReadOnlyList<StatRelease>> ListAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Staff)
            return [];
        var q = db.Set<StatRelease>().AsNoTracking();
        if (!s.Office)
            q = q.Where(r => r.Status == ReleaseStatus.Published);
        var list = await q.ToListAsync(ct);
        return [.. list.OrderByDescending(r => r.DraftedAt)];
    }

    public enum StepOutcome
    {
        Done,
        NotFound,
        NotAllowed,
        Stale,
        OwnDraft,
        Refused,
    }

    /// <summary>Approval: a Coordinator of the office who did not draft it (four eyes), on the version they read.</summary>
    public Task<(StepOutcome Outcome, IReadOnlyList<Conflict> Conflicts)> ApproveAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, int version, CancellationToken ct = default) =>
        StepAsync(viewer, roles, id, version, ReleaseStatus.Draft, ReleaseStatus.Approved, StatisticsAudit.Approved, ct);

    /// <summary>Publication: a Coordinator of the office, of an approved release; the register is consulted again (a release published meanwhile counts) and the release's cuts enter it.</summary>
    public Task<(StepOutcome Outcome, IReadOnlyList<Conflict> Conflicts)> PublishAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, int version, CancellationToken ct = default) =>
        StepAsync(viewer, roles, id, version, ReleaseStatus.Approved, ReleaseStatus.Published, StatisticsAudit.Published, ct);

    /// <summary>A draft or approved release set aside by the office.</summary>
    public async Task<StepOutcome> DiscardAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, int version, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        return await writes.RunSerializedAsync(viewer, async ct =>
        {
            var release = s.Office ? await db.Set<StatRelease>().FirstOrDefaultAsync(r => r.Id == id, ct) : null;
            if (release is null)
                return new Audited<StepOutcome>(s.Office ? StepOutcome.NotFound : StepOutcome.NotAllowed,
                    new AuditRecord(StatisticsAudit.Discarded, AuditOutcome.Denied, TargetType: StatisticsAudit.Release, TargetId: id, Purpose: StatisticsAudit.Production));
            if (release.Version != version || release.Status is not (ReleaseStatus.Draft or ReleaseStatus.Approved))
                return new Audited<StepOutcome>(StepOutcome.Stale, new AuditRecord(StatisticsAudit.Discarded, AuditOutcome.Denied, TargetType: StatisticsAudit.Release, TargetId: id, Purpose: StatisticsAudit.Production));
            release.Status = ReleaseStatus.Discarded;
            release.DiscardedBy = viewer.UserId;
            release.DiscardedAt = time.GetUtcNow();
            release.Version++;
            return new Audited<StepOutcome>(StepOutcome.Done, new AuditRecord(StatisticsAudit.Discarded, TargetType: StatisticsAudit.Release, TargetId: id, Purpose: StatisticsAudit.Production));
        }, ct);
    }

    private async Task<(StepOutcome, IReadOnlyList<Conflict>)> StepAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, int version,
        ReleaseStatus from, ReleaseStatus to, AuditAction action, CancellationToken ct)
    {
        var s = await StandingAsync(viewer, roles, ct);
        IReadOnlyList<Conflict> conflicts = [];
        var outcome = await writes.RunSerializedAsync(viewer, async ct =>
        {
            AuditRecord Denied(AuditPurpose purpose) => new(action, AuditOutcome.Denied, TargetType: StatisticsAudit.Release, TargetId: id, Purpose: purpose);
            var release = s.Office ? await db.Set<StatRelease>().FirstOrDefaultAsync(r => r.Id == id, ct) : null;
            if (release is null)
                return new Audited<StepOutcome>(s.Office ? StepOutcome.NotFound : StepOutcome.NotAllowed, Denied(StatisticsAudit.Production));
            if (!s.Coordinator)
                return new Audited<StepOutcome>(StepOutcome.NotAllowed, Denied(StatisticsAudit.FourEyes));
            if (release.Version != version || release.Status != from)
                return new Audited<StepOutcome>(StepOutcome.Stale, Denied(StatisticsAudit.Production));
            if (to == ReleaseStatus.Approved && release.DraftedBy == viewer.UserId)
                return new Audited<StepOutcome>(StepOutcome.OwnDraft, Denied(StatisticsAudit.FourEyes));
            var tables = TablesOf(release);
            if (to == ReleaseStatus.Published)
            {
                // Cuts registered since the draft: each cell they hid that this release shows must have enough people outside the overlap.
                var period = release.Period;
                var found = new List<Conflict>();
                var cuts = await RegisteredCutsAsync(period, ct);
                foreach (var table in Tables)
                {
                    var shown = tables.FirstOrDefault(t => t.Code == table.Code);
                    if (shown is null)
                        continue;
                    var risky = await RiskyCellsAsync(table, period, cuts.Where(c => c.Cut.TableCode == table.Code).ToList(), ct);
                    found.AddRange(risky.Where(x => !Hidden(shown, x.Key.Row, x.Key.Column)).Select(x => new Conflict(table.Code, table.TitleKey, x.Key.Row, x.Key.Column, x.Value)));
                }
                if (found.Count > 0)
                {
                    conflicts = found;
                    return new Audited<StepOutcome>(StepOutcome.Refused, Denied(StatisticsAudit.Differencing));
                }
                var now = time.GetUtcNow();
                foreach (var t in tables)
                    db.Set<StatReleaseCut>().Add(new StatReleaseCut
                    {
                        ReleaseId = release.Id,
                        TableCode = t.Code,
                        From = period.From,
                        Until = period.Until,
                        Hidden = JsonSerializer.Serialize(HiddenCells(t), Json),
                        RegisteredAt = now,
                    });
                release.PublishedBy = viewer.UserId;
                release.PublishedAt = now;
            }
            else
            {
                release.ApprovedBy = viewer.UserId;
                release.ApprovedAt = time.GetUtcNow();
            }
            release.Status = to;
            release.Version++;
            return new Audited<StepOutcome>(StepOutcome.Done, new AuditRecord(action, TargetType: StatisticsAudit.Release, TargetId: id,
                Purpose: to == ReleaseStatus.Approved ? StatisticsAudit.FourEyes : StatisticsAudit.Production));
        }, ct);
        return (outcome, conflicts);
    }

    /// <summary>The "row|column" codes of a released table's hidden cells, totals as "*".</summary>
    public static List<string> HiddenCells(ReleasedTable t)
    {
        var list = new List<string>();
        for (var r = 0; r < t.RowCodes.Count; r++)
        {
            for (var c = 0; c < t.ColumnCodes.Count; c++)
                if (t.Cells[r][c] is null)
                    list.Add(t.RowCodes[r] + "|" + t.ColumnCodes[c]);
            if (t.RowTotals[r] is null)
                list.Add(t.RowCodes[r] + "|" + ReleasedTable.All);
        }
        for (var c = 0; c < t.ColumnCodes.Count; c++)
            if (t.ColumnTotals[c] is null)
                list.Add(ReleasedTable.All + "|" + t.ColumnCodes[c]);
        if (t.Total is null)
            list.Add(ReleasedTable.All + "|" + ReleasedTable.All);
        return list;
    }

    /// <summary>The latest published release of the period (for the annual report and the exchange).</summary>
    public async Task<PublishedSet?> LatestAsync(StatPeriod period, CancellationToken ct = default)
    {
        var release = await db.Set<StatRelease>().AsNoTracking()
            .Where(r => r.Status == ReleaseStatus.Published && r.PeriodKind == period.Kind && r.Year == period.Year)
            .OrderByDescending(r => r.PublishedAt).FirstOrDefaultAsync(ct);
        return release is null ? null : new PublishedSet(release.Id, release.Number, period, release.PublishedAt!.Value, TablesOf(release));
    }

    /// <summary>
    /// A dashboard's tables: protected like a release (threshold, cover, perturbation), never stored. The office reads the
    /// national figures; staff of an institution with figures of its own (a shelter, a helpline, a Squad, a referrer) read its
    /// own institution's; nobody else any (they read published releases). Audited.
    /// </summary>
    public async Task<(IReadOnlyList<ReleasedTable> Tables, bool National)?> DashboardAsync(Viewer viewer, IReadOnlyCollection<string> roles, StatPeriod period, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Staff)
            return null;
        var tables = new List<ReleasedTable>();
        foreach (var table in Tables)
        {
            var raw = await query.CountAsync(table, period, s.Office ? null : viewer.InstitutionId, ct);
            if (!s.Office && raw.Total.Count == 0)
                continue;
            tables.Add(Disclosure.Publish(raw, Disclosure.Suppress(raw)));
        }
        await writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(true, new AuditRecord(StatisticsAudit.Viewed, Purpose: StatisticsAudit.Dashboard))), ct);
        return (tables, s.Office);
    }
}
