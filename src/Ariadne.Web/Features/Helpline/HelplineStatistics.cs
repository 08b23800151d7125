using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The helpline's statistics, aggregate only, from its contacts: by channel, hour of day (local time), language, category
/// (with its trafficking code) and kind of non-data contact; answer time and time to forward (median, 90th percentile);
/// referrals made; tips held now. A helpline's supervisors read their own helpline's; the National Coordinator every
/// helpline's; nobody else any (deny by default). Small cells are suppressed: a count from 1 to <see cref="HelplineOptions.SmallCell"/>
/// less one is not given (only that it is small), and no median or percentile is computed from fewer contacts.
/// </summary>
public sealed class HelplineStatistics(AriadneDbContext db, AuditedWrites writes, TimeProvider time, IOptions<HelplineOptions> options, IOptions<UiOptions> ui)
{
    /// <summary>The longest period one report covers.</summary>
    public const int MaxDays = 366;

    /// <summary>A count as shown: the number, or null when it is small (from 1 to the threshold less one) and suppressed.</summary>
    public sealed record Cell(int? Count)
    {
        public bool Suppressed => Count is null;
    }

    public sealed record Row(string Key, string? Code, Cell Count);

    /// <summary>A duration's median and 90th percentile, null when computed from fewer contacts than the threshold.</summary>
    public sealed record Durations(Cell Count, TimeSpan? Median, TimeSpan? P90);

    public sealed record Report(
        DateOnly From, DateOnly To, int Threshold, bool AllHelplines, Cell Total,
        IReadOnlyList<Row> ByChannel, IReadOnlyList<Row> ByHour, IReadOnlyList<Row> ByLanguage, IReadOnlyList<Row> ByCategory, IReadOnlyList<Row> ByNonData,
        Durations Answer, Cell Referrals, Durations Forward, Cell HeldNow);

    /// <summary>Whose contacts the viewer may count: null for none, an empty list for every helpline, or the viewer's own helpline.</summary>
    private async Task<List<Guid>?> ScopeAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var institution = await db.Institutions.AsNoTracking().Where(i => i.Id == viewer.InstitutionId && i.IsActive).Select(i => new { i.Kind }).FirstOrDefaultAsync(ct);
        if (institution is null || !await db.Users.AnyAsync(u => u.Id == viewer.UserId && u.InstitutionId == viewer.InstitutionId && !u.IsDisabled, ct))
            return null;
        if (roles.Contains(RoleCatalog.Coordinator) && institution.Kind == InstitutionKind.NationalCoordinator)
            return [];
        if (roles.Contains(RoleCatalog.HelplineSupervisor) && institution.Kind == InstitutionKind.Helpline)
            return [viewer.InstitutionId];
        return null;
    }

    /// <summary>The report for the period (local days, both included; the last 30 days by default). Null, audited as denied, for anyone else.</summary>
    public async Task<Report?> ReportAsync(Viewer viewer, IReadOnlyCollection<string> roles, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(viewer, roles, ct);
        var zone = UiTime.Resolve(ui.Value.TimeZone);
        var now = time.GetUtcNow();
        var today = UiTime.DayIn(zone, now);
        // Days outside 2000 … a year ahead hold no contacts; clamped, a day at the calendar's edge cannot overflow.
        var (earliest, latest) = (new DateOnly(2000, 1, 1), today.AddYears(1));
        DateOnly Clamp(DateOnly day) => day < earliest ? earliest : day > latest ? latest : day;
        var last = Clamp(to ?? today);
        var first = Clamp(from ?? last.AddDays(-29));
        if (first > last)
            (first, last) = (last, first);
        if (last.DayNumber - first.DayNumber >= MaxDays)
            first = last.AddDays(-(MaxDays - 1));
        return await writes.RunAsync(viewer, async ct =>
        {
            if (scope is null)
                return new Audited<Report?>(null, new AuditRecord(RosterAudit.StatisticsViewed, AuditOutcome.Denied, TargetType: AuditTarget.Institution,
                    TargetId: viewer.InstitutionId, Purpose: RosterAudit.Statistics));
            var report = await BuildAsync(scope, first, last, zone, now, ct);
            return new Audited<Report?>(report, new AuditRecord(RosterAudit.StatisticsViewed, TargetType: AuditTarget.Institution,
                TargetId: scope.Count == 1 ? scope[0] : null, Purpose: RosterAudit.Statistics));
        }, ct);
    }

    private async Task<Report> BuildAsync(List<Guid> scope, DateOnly first, DateOnly last, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        var threshold = options.Value.SmallCell;
        var start = Utc(first, zone);
        var end = Utc(last.AddDays(1), zone);
        var all = scope.Count == 0;
        var contacts = db.HelplineContacts.AsNoTracking().Where(c => all || scope.Contains(c.InstitutionId));
        var rows = await contacts.Where(c => c.ReceivedAt >= start && c.ReceivedAt < end)
            .Select(c => new { c.Channel, c.ReceivedAt, c.AnsweredAt, c.Language, c.Category, c.NonData, c.ReferralId, c.ForwardedAt }).ToListAsync(ct);
        var held = await contacts.CountAsync(c => c.HeldReason != null && c.ForwardedAt == null && c.ReferralId == null, ct);

        Cell Of(int count) => new(count > 0 && count < threshold ? null : count);
        Durations Time(List<TimeSpan> spans)
        {
            if (spans.Count < threshold)
                return new(Of(spans.Count), null, null);
            spans.Sort();
            return new(Of(spans.Count), Percentile(spans, 0.5), Percentile(spans, 0.9));
        }

        // Primary suppression hides the small cells; secondary suppression then hides the smallest other cell of a table
        // with exactly one hidden, which its total (shown beside it) would otherwise give away.
        List<Row> Table(IEnumerable<(string Key, string? Code, int Count)> raw)
        {
            var list = raw.ToList();
            var hidden = list.Select(r => r.Count > 0 && r.Count < threshold).ToArray();
            if (hidden.Count(h => h) == 1)
            {
                var next = list.Select((r, i) => (r.Count, i)).Where(x => !hidden[x.i] && x.Count > 0).OrderBy(x => x.Count).Select(x => (int?)x.i).FirstOrDefault();
                if (next is { } index)
                    hidden[index] = true;
            }
            return [.. list.Select((r, i) => new Row(r.Key, r.Code, new Cell(hidden[i] ? null : r.Count)))];
        }

        var byChannel = Table(Enum.GetValues<ContactChannel>().Select(k => (k.ToString(), (string?)null, rows.Count(r => r.Channel == k))));
        var byHour = Table(Enumerable.Range(0, 24).Select(h => (h.ToString("00", System.Globalization.CultureInfo.InvariantCulture), (string?)null,
            rows.Count(r => TimeZoneInfo.ConvertTime(r.ReceivedAt, zone).Hour == h))));
        var byLanguage = Table(rows.GroupBy(r => string.IsNullOrWhiteSpace(r.Language) ? "" : r.Language.Trim().ToLowerInvariant())
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (string?)null, g.Count())));
        var byCategory = Table(ContactCategories.All.Select(m => (m.Category.ToString(), (string?)m.TraffickingCode, rows.Count(r => r.Category == m.Category))));
        var byNonData = Table(Enum.GetValues<NonDataKind>().Select(k => (k.ToString(), (string?)null, rows.Count(r => r.NonData == k))));
        var answer = rows.Where(r => r.AnsweredAt is { } a && a >= r.ReceivedAt).Select(r => r.AnsweredAt!.Value - r.ReceivedAt).ToList();
        var forward = rows.Where(r => r.ForwardedAt is { } f && f >= r.ReceivedAt).Select(r => r.ForwardedAt!.Value - r.ReceivedAt).ToList();
        return new Report(first, last, threshold, all, Of(rows.Count), byChannel, byHour, byLanguage, byCategory, byNonData,
            Time(answer), Of(rows.Count(r => r.ReferralId != null)), Time(forward), Of(held));
    }

    /// <summary>The nearest-rank percentile of a sorted list.</summary>
    private static TimeSpan Percentile(List<TimeSpan> sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static DateTimeOffset Utc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
