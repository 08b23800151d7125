using System.Globalization;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// Resources and donors (issue 16 §3; the plan's §1 and §3d). Institutions state needs; donors state, through the Coordinator, the
/// areas they support; pledges, commitments and disbursements (IATI's transaction semantics) are allocated to needs, and each
/// need's status follows from them. Who sees what (<see cref="Standing"/>, <see cref="Visible"/>): every participating institution
/// sees the needs; an international partner (a donor) sees the needs that are open or partly met, its own and those it answered;
/// auditors, administrators and users of no institution see nothing. A need is recorded by its institution's staff or by the
/// Coordinator on its behalf, and only they withdraw it; donors, their areas and the flows are the Coordinator's.
/// </summary>
public sealed class ResourceLedger(AriadneDbContext db, AuditedWrites writes, AuditTrail audit, TimeProvider time, UiTime uiTime,
    IStringLocalizer<SharedResource> text)
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 4000;
    public const decimal MaxAmount = 1_000_000_000_000m;
    public const int MaxAllocations = 50;

    /// <summary>Roles that never see resources through their institution: oversight reads the audit, administrators run the platform.</summary>
    public static readonly string[] ExcludedRoles = [RoleCatalog.Auditor, RoleCatalog.Administrator];

    public static readonly string[] Languages = ["az", "ru", "en"];

    /// <summary>How the viewer stands to the resources.</summary>
    public sealed record Standing(Guid InstitutionId, bool Coordinator, bool Office, bool Participant, bool Donor)
    {
        public bool SeesAll => Office;
    }

    public sealed class NeedInput
    {
        /// <summary>The institution that needs (the Coordinator records on an institution's behalf); else the viewer's own.</summary>
        public Guid? InstitutionId { get; set; }
        public NeedCategory? Category { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Language { get; set; }
        public List<Region> Regions { get; set; } = [];
        public int? Quantity { get; set; }
        public string? Unit { get; set; }
        public decimal? Amount { get; set; }
        public Currency? Currency { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? Until { get; set; }
        public NeedPriority? Priority { get; set; }
    }

    public sealed class DonorInput
    {
        public string? Name { get; set; }
        public string? Ref { get; set; }
        public Guid? InstitutionId { get; set; }
    }

    public sealed class AreaInput
    {
        public Guid? DonorId { get; set; }
        public List<NeedCategory> Categories { get; set; } = [];
        public List<Region> Regions { get; set; } = [];
        public DateOnly? From { get; set; }
        public DateOnly? Until { get; set; }
        public decimal? Ceiling { get; set; }
        public Currency? Currency { get; set; }
    }

    public sealed class AllocationInput
    {
        public Guid? NeedId { get; set; }
        public decimal? Amount { get; set; }
    }

    public sealed class FlowInput
    {
        public Guid? DonorId { get; set; }
        public FlowType? Type { get; set; }
        public Currency? Currency { get; set; }
        public DateOnly? On { get; set; }
        public string? Ref { get; set; }
        public List<AllocationInput> Allocations { get; set; } = [];
    }

    /// <summary>The sums of a need's confirmed flows, in its currency.</summary>
    public sealed record Totals(decimal Pledged, decimal Committed, decimal Disbursed)
    {
        public static readonly Totals None = new(0, 0, 0);
        /// <summary>What is firmly covered: committed, or disbursed where that is more (a disbursement without a commitment).</summary>
        public decimal Covered => Math.Max(Committed, Disbursed);
        /// <summary>What is promised at all: pledged, or covered where that is more.</summary>
        public decimal Promised => Math.Max(Pledged, Covered);
    }

    public sealed record NeedRow(Guid Id, string Title, NeedCategory Category, IReadOnlyList<Region> Regions, Guid InstitutionId, string Institution,
        int? Quantity, string? Unit, decimal? Amount, Currency? Currency, DateOnly From, DateOnly Until, NeedPriority Priority, NeedStatus Status,
        Totals Totals, bool Mine);

    public sealed record FlowLine(Guid FlowId, string Donor, FlowType Type, decimal Allocated, decimal FlowAmount, Currency Currency, DateOnly On,
        FlowStatus Status, string? Ref);

    public sealed record Suggestion(Guid DonorId, string Donor, Guid AreaId, decimal Remaining, Currency Currency, decimal Suggested, string Reason);

    public sealed record NeedView(NeedRow Need, string Description, string Language, DateTimeOffset CreatedAt, IReadOnlyList<FlowLine> Flows,
        IReadOnlyList<Suggestion> Suggestions, Standing Standing, bool MayWithdraw, bool MayRecordFlow);

    public sealed record AreaView(Guid Id, IReadOnlyList<NeedCategory> Categories, IReadOnlyList<Region> Regions, DateOnly From, DateOnly Until,
        decimal Ceiling, Currency Currency, decimal Promised)
    {
        public decimal Remaining => Math.Max(0, Ceiling - Promised);
    }

    public sealed record DonorView(Guid Id, string Name, string? Ref, Guid? InstitutionId, string? Institution, IReadOnlyList<AreaView> Areas);

    public sealed record WhoRow(Region Region, NeedCategory Category, string Donor, string Institution, int Needs, decimal Pledged, decimal Committed,
        decimal Disbursed, Currency Currency);

    private DateOnly Today => uiTime.Today;

    public async Task<Standing> StandingAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var kind = await db.Institutions.AsNoTracking().Where(i => i.Id == viewer.InstitutionId && i.IsActive).Select(i => (InstitutionKind?)i.Kind).FirstOrDefaultAsync(ct);
        var excluded = kind is null or InstitutionKind.Oversight or InstitutionKind.PlatformAdministration || roles.Count == 0 || roles.All(ExcludedRoles.Contains);
        var office = !excluded && kind == InstitutionKind.NationalCoordinator && (roles.Contains(RoleCatalog.Coordinator) || roles.Contains(RoleCatalog.Analyst));
        return new Standing(viewer.InstitutionId, office && roles.Contains(RoleCatalog.Coordinator), office, !excluded,
            !excluded && kind == InstitutionKind.InternationalPartner);
    }

    /// <summary>
    /// The needs the standing may see: all for a participant; for a donor (an international partner) those open or partly met, its
    /// own, and those its donor record answered; nothing for anyone else.
    /// </summary>
    private IQueryable<Need> Visible(Standing s)
    {
        var needs = db.Needs.AsNoTracking();
        if (!s.Participant)
            return needs.Where(_ => false);
        if (s.SeesAll || !s.Donor)
            return needs;
        var id = s.InstitutionId;
        return needs.Where(n => n.Status == NeedStatus.Open || n.Status == NeedStatus.PartlyMet || n.InstitutionId == id
            || db.Set<FlowAllocation>().Any(a => a.NeedId == n.Id && db.Set<ResourceFlow>().Any(f => f.Id == a.FlowId
                && db.Set<Donor>().Any(d => d.Id == f.DonorId && d.InstitutionId == id))));
    }

    /// <summary>A need's status from its flows (see <see cref="NeedStatus"/>).</summary>
    public static NeedStatus StatusOf(decimal? amount, bool withdrawn, Totals t) =>
        withdrawn ? NeedStatus.Withdrawn
        : amount is { } a ? (t.Covered >= a ? NeedStatus.Met : t.Promised > 0 ? NeedStatus.PartlyMet : NeedStatus.Open)
        : t.Covered > 0 ? NeedStatus.Met : t.Pledged > 0 ? NeedStatus.PartlyMet : NeedStatus.Open;

    public static IReadOnlyList<Region> RegionsOf(string list) => Parse<Region>(list);

    public static IReadOnlyList<NeedCategory> CategoriesOf(string list) => Parse<NeedCategory>(list);

    private static List<T> Parse<T>(string list) where T : struct, Enum =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => Enum.TryParse<T>(x, out var v) ? (T?)v : null).Where(v => v is not null).Select(v => v!.Value).ToList();

    public static string Join<T>(IEnumerable<T> values) where T : struct, Enum => string.Join(',', values.Distinct().Order().Select(v => v.ToString()));

    /// <summary>The GOV.UK tag colour of a need's status, the same on every page.</summary>
    public static string TagClass(NeedStatus status) => status switch
    {
        NeedStatus.Met => "govuk-tag--green",
        NeedStatus.PartlyMet => "govuk-tag--blue",
        NeedStatus.Withdrawn => "govuk-tag--grey",
        _ => "govuk-tag--orange",
    };

    public static string Money(decimal amount, Currency? currency) =>
        amount.ToString("#,0.##", CultureInfo.CurrentCulture) + (currency is { } c ? " " + c : "");

    /// <summary>The sums of the confirmed flows allocated to each need.</summary>
    private async Task<Dictionary<Guid, Totals>> TotalsAsync(IReadOnlyCollection<Guid> needIds, CancellationToken ct)
    {
        var rows = await db.FlowAllocations.AsNoTracking().Where(a => needIds.Contains(a.NeedId))
            .Join(db.ResourceFlows.Where(f => f.Status == FlowStatus.Confirmed), a => a.FlowId, f => f.Id, (a, f) => new { a.NeedId, f.Type, a.Amount })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.NeedId).ToDictionary(g => g.Key, g => new Totals(
            g.Where(r => r.Type == FlowType.Pledge).Sum(r => r.Amount),
            g.Where(r => r.Type == FlowType.Commitment).Sum(r => r.Amount),
            g.Where(r => r.Type == FlowType.Disbursement).Sum(r => r.Amount)));
    }

    public async Task<Totals> TotalsOfAsync(Guid needId, CancellationToken ct = default) =>
        (await TotalsAsync([needId], ct)).GetValueOrDefault(needId) ?? Totals.None;

    private async Task<List<NeedRow>> RowsAsync(Standing s, IQueryable<Need> query, CancellationToken ct)
    {
        var needs = await query.ToListAsync(ct);
        var ids = needs.Select(n => n.Id).ToList();
        var totals = await TotalsAsync(ids, ct);
        var names = await InstitutionNamesAsync(needs.Select(n => n.InstitutionId), ct);
        return needs.Select(n => new NeedRow(n.Id, n.Title, n.Category, RegionsOf(n.Regions), n.InstitutionId, names.GetValueOrDefault(n.InstitutionId) ?? "",
                n.Quantity, n.Unit, n.Amount, n.Currency, n.From, n.Until, n.Priority, n.Status, totals.GetValueOrDefault(n.Id) ?? Totals.None,
                n.InstitutionId == s.InstitutionId))
            .OrderBy(r => r.Status == NeedStatus.Withdrawn).ThenBy(r => r.Status == NeedStatus.Met).ThenByDescending(r => r.Priority).ThenBy(r => r.Until)
            .ToList();
    }

    /// <summary>The needs the viewer may see, filtered; null when the viewer sees none at all (not a participant).</summary>
    public async Task<IReadOnlyList<NeedRow>?> ListAsync(Viewer viewer, IReadOnlyCollection<string> roles, NeedCategory? category = null,
        Region? region = null, NeedStatus? status = null, bool mineOnly = false, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Participant)
            return null;
        var query = Visible(s);
        if (category is { } c)
            query = query.Where(n => n.Category == c);
        if (status is { } st)
            query = query.Where(n => n.Status == st);
        if (mineOnly)
            query = query.Where(n => n.InstitutionId == s.InstitutionId);
        var rows = await RowsAsync(s, query, ct);
        return region is { } r ? rows.Where(x => x.Regions.Contains(r)).ToList() : rows;
    }

    public async Task<NeedView?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var need = await Visible(s).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (need is null)
        {
            await DeniedAsync(viewer, ResourcesAudit.NeedTarget, id, ct);
            return null;
        }
        var row = (await RowsAsync(s, db.Needs.AsNoTracking().Where(n => n.Id == id), ct)).Single();
        var lines = await db.FlowAllocations.AsNoTracking().Where(a => a.NeedId == id)
            .Join(db.ResourceFlows, a => a.FlowId, f => f.Id, (a, f) => new { a.Amount, Flow = f })
            .Join(db.Donors, x => x.Flow.DonorId, d => d.Id, (x, d) => new { x.Amount, x.Flow, d.Name })
            .ToListAsync(ct);
        var flows = lines.OrderBy(l => l.Flow.On).ThenBy(l => l.Flow.RecordedAt)
            .Select(l => new FlowLine(l.Flow.Id, l.Name, l.Flow.Type, l.Amount, l.Flow.Amount, l.Flow.Currency, l.Flow.On, l.Flow.Status, l.Flow.Ref)).ToList();
        var suggestions = s.SeesAll && need.Status is NeedStatus.Open or NeedStatus.PartlyMet ? await SuggestAsync(need, row.Totals, ct) : [];
        var mayWithdraw = need.Status != NeedStatus.Withdrawn && MayWrite(s, need.InstitutionId);
        return new NeedView(row, need.Description, need.Language, need.CreatedAt, flows, suggestions, s, mayWithdraw,
            s.Coordinator && need.Status != NeedStatus.Withdrawn);
    }

    /// <summary>Who writes a need: the staff of its institution, or the Coordinator.</summary>
    private static bool MayWrite(Standing s, Guid institutionId) => s.Coordinator || s.Participant && institutionId == s.InstitutionId;

    // ---------------------------------------------------------------- needs

    /// <summary>Records a need (once per key); null when the viewer may record none.</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> RecordNeedAsync(Viewer viewer, IReadOnlyCollection<string> roles, NeedInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Participant)
        {
            await DeniedAsync(viewer, ResourcesAudit.NeedTarget, null, ct);
            return (null, null);
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (seen.Result, []);
        var errors = new Dictionary<string, string[]>();
        var institutionId = input.InstitutionId ?? s.InstitutionId;
        if (institutionId != s.InstitutionId)
        {
            if (!s.Coordinator)
                errors[nameof(NeedInput.InstitutionId)] = [text["Resources_OwnInstitutionOnly"]];
            else if (!await db.Institutions.AnyAsync(i => i.Id == institutionId && i.IsActive && i.Kind != InstitutionKind.Oversight
                         && i.Kind != InstitutionKind.PlatformAdministration, ct))
                errors[nameof(NeedInput.InstitutionId)] = [text["Resources_InstitutionUnknown"]];
        }
        if (input.Category is not { } category || !Enum.IsDefined(category))
            errors[nameof(NeedInput.Category)] = [text["Resources_CategoryRequired"]];
        var title = input.Title?.Trim() ?? "";
        if (title.Length < 3)
            errors[nameof(NeedInput.Title)] = [text["Resources_TitleRequired"]];
        else if (title.Length > MaxTitle)
            errors[nameof(NeedInput.Title)] = [text["Validation_TooLong", MaxTitle]];
        var description = input.Description?.Trim() ?? "";
        if (description.Length < 10)
            errors[nameof(NeedInput.Description)] = [text["Resources_DescriptionRequired", 10]];
        else if (description.Length > MaxDescription)
            errors[nameof(NeedInput.Description)] = [text["Validation_TooLong", MaxDescription]];
        var language = Languages.Contains(input.Language) ? input.Language! : CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var l && Languages.Contains(l) ? l : "az";
        if (input.Regions.Count == 0 || input.Regions.Any(r => !Enum.IsDefined(r)))
            errors[nameof(NeedInput.Regions)] = [text["Resources_RegionRequired"]];
        var unit = string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim();
        if (input.Quantity is { } q && (q < 1 || q > 1_000_000))
            errors[nameof(NeedInput.Quantity)] = [text["Resources_QuantityRange", 1_000_000]];
        else if (input.Quantity is not null && unit is null)
            errors[nameof(NeedInput.Unit)] = [text["Resources_UnitRequired"]];
        else if (unit is { Length: > 40 })
            errors[nameof(NeedInput.Unit)] = [text["Validation_TooLong", 40]];
        if (input.Amount is { } amount && (amount <= 0 || amount > MaxAmount || decimal.Round(amount, 2) != amount))
            errors[nameof(NeedInput.Amount)] = [text["Resources_AmountRange"]];
        if (input.Amount is not null && (input.Currency is not { } cur || !Enum.IsDefined(cur)))
            errors[nameof(NeedInput.Currency)] = [text["Resources_CurrencyRequired"]];
        if (input.From is not { } from)
            errors[nameof(NeedInput.From)] = [text["Resources_FromRequired"]];
        if (input.Until is not { } until)
            errors[nameof(NeedInput.Until)] = [text["Resources_UntilRequired"]];
        else if (input.From is { } f && until < f)
            errors[nameof(NeedInput.Until)] = [text["Resources_UntilBeforeFrom"]];
        else if (until < Today)
            errors[nameof(NeedInput.Until)] = [text["Resources_UntilPast"]];
        if (input.Priority is not { } priority || !Enum.IsDefined(priority))
            errors[nameof(NeedInput.Priority)] = [text["Resources_PriorityRequired"]];
        if (errors.Count > 0)
            return (null, errors);

        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var need = new Need
            {
                InstitutionId = institutionId,
                Category = input.Category!.Value,
                Title = title,
                Description = description,
                Language = language,
                Regions = Join(input.Regions),
                Quantity = input.Quantity,
                Unit = input.Quantity is null ? null : unit,
                Amount = input.Amount,
                Currency = input.Amount is null ? null : input.Currency,
                From = input.From!.Value,
                Until = input.Until!.Value,
                Priority = input.Priority!.Value,
                CreatedBy = viewer.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Needs.Add(need);
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(need.Id, new AuditRecord(ResourcesAudit.NeedRecorded, TargetType: ResourcesAudit.NeedTarget, TargetId: need.Id,
                Relation: RelationOf(s, institutionId)), need.Id);
        }
        if (request is null)
            return (await writes.RunAsync(viewer, Work, ct), errors);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (once.Result, errors);
    }

    /// <summary>Withdraws a need (its institution or the Coordinator); null when the viewer may not.</summary>
    public async Task<Dictionary<string, string[]>?> WithdrawAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var need = await Visible(s).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (need is null || !MayWrite(s, need.InstitutionId))
        {
            await DeniedAsync(viewer, ResourcesAudit.NeedTarget, id, ct);
            return null;
        }
        if (need.Status == NeedStatus.Withdrawn)
            return []; // already so: a retried request changes nothing
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.Needs.FirstAsync(n => n.Id == id, ct);
            row.Status = NeedStatus.Withdrawn;
            row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ResourcesAudit.NeedWithdrawn, TargetType: ResourcesAudit.NeedTarget, TargetId: id,
                Relation: RelationOf(s, need.InstitutionId)));
        }, ct);
        return [];
    }

    // ---------------------------------------------------------------- donors and their areas

    /// <summary>The donors with their areas and what remains of each ceiling; null for anyone but the Coordinator's office.</summary>
    public async Task<IReadOnlyList<DonorView>?> DonorsAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.SeesAll)
        {
            await DeniedAsync(viewer, ResourcesAudit.DonorTarget, null, ct);
            return null;
        }
        return await DonorViewsAsync(ct);
    }

    private async Task<List<DonorView>> DonorViewsAsync(CancellationToken ct)
    {
        var donors = await db.Donors.AsNoTracking().ToListAsync(ct);
        var areas = await db.DonorAreas.AsNoTracking().ToListAsync(ct);
        var names = await InstitutionNamesAsync(donors.Where(d => d.InstitutionId is not null).Select(d => d.InstitutionId!.Value), ct);
        var promised = await PromisedAsync(ct);
        return donors.OrderBy(d => d.Name, StringComparer.CurrentCulture).Select(d => new DonorView(d.Id, d.Name, d.Ref, d.InstitutionId,
                d.InstitutionId is { } i ? names.GetValueOrDefault(i) : null,
                areas.Where(a => a.DonorId == d.Id).OrderBy(a => a.From).Select(a => AreaViewOf(a, promised)).ToList()))
            .ToList();
    }

    /// <summary>Per donor and need, what the donor promised it (the larger of pledged and covered), with the flows' currency and dates.</summary>
    private sealed record Promise(Guid DonorId, Guid NeedId, NeedCategory Category, IReadOnlyList<Region> Regions, Currency Currency, DateOnly On, decimal Amount);

    private async Task<List<Promise>> PromisedAsync(CancellationToken ct)
    {
        var rows = await db.FlowAllocations.AsNoTracking()
            .Join(db.ResourceFlows.Where(f => f.Status == FlowStatus.Confirmed), a => a.FlowId, f => f.Id, (a, f) => new { a.NeedId, a.Amount, f.DonorId, f.Type, f.Currency, f.On })
            .Join(db.Needs, x => x.NeedId, n => n.Id, (x, n) => new { x.NeedId, x.Amount, x.DonorId, x.Type, x.Currency, x.On, n.Category, n.Regions })
            .ToListAsync(ct);
        return rows.GroupBy(r => (r.DonorId, r.NeedId, r.Currency)).Select(g =>
        {
            var t = new Totals(g.Where(r => r.Type == FlowType.Pledge).Sum(r => r.Amount), g.Where(r => r.Type == FlowType.Commitment).Sum(r => r.Amount),
                g.Where(r => r.Type == FlowType.Disbursement).Sum(r => r.Amount));
            var first = g.First();
            return new Promise(g.Key.DonorId, g.Key.NeedId, first.Category, RegionsOf(first.Regions), g.Key.Currency, g.Min(r => r.On), t.Promised);
        }).ToList();
    }

    private static bool Covers(IReadOnlyList<Region> area, IReadOnlyList<Region> need) =>
        area.Contains(Region.Nationwide) || need.Any(area.Contains);

    /// <summary>An area with what its donor has promised within it: needs of its categories and regions, in its currency, dated in its period.</summary>
    private static AreaView AreaViewOf(DonorArea a, List<Promise> promised)
    {
        var categories = CategoriesOf(a.Categories);
        var regions = RegionsOf(a.Regions);
        var used = promised.Where(p => p.DonorId == a.DonorId && p.Currency == a.Currency && p.On >= a.From && p.On <= a.Until
            && categories.Contains(p.Category) && Covers(regions, p.Regions)).Sum(p => p.Amount);
        return new AreaView(a.Id, categories, regions, a.From, a.Until, a.Ceiling, a.Currency, used);
    }

    /// <summary>Donors whose areas cover the need's category and region in its period, with ceiling left, and the reason in words.</summary>
    private async Task<List<Suggestion>> SuggestAsync(Need need, Totals totals, CancellationToken ct)
    {
        var regions = RegionsOf(need.Regions);
        var donors = await DonorViewsAsync(ct);
        var list = new List<Suggestion>();
        foreach (var d in donors)
            foreach (var a in d.Areas)
            {
                if (!a.Categories.Contains(need.Category) || !Covers(a.Regions, regions) || a.From > need.Until || a.Until < need.From || a.Until < Today
                    || a.Remaining <= 0 || need.Currency is { } c && c != a.Currency)
                    continue;
                var open = need.Amount is { } amount ? Math.Max(0, amount - totals.Promised) : a.Remaining;
                var suggested = Math.Min(a.Remaining, open);
                var where = a.Regions.Contains(Region.Nationwide) ? text["Region_Nationwide"].Value
                    : string.Join(", ", a.Regions.Where(regions.Contains).Select(r => text["Region_" + r].Value));
                var reason = text["Resources_MatchReason", text["NeedCategory_" + need.Category].Value.ToLower(CultureInfo.CurrentCulture), where,
                    Money(a.Remaining, a.Currency)].Value;
                list.Add(new Suggestion(d.Id, d.Name, a.Id, a.Remaining, a.Currency, suggested, reason));
            }
        return list.OrderByDescending(x => x.Remaining).ToList();
    }

    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> AddDonorAsync(Viewer viewer, IReadOnlyCollection<string> roles, DonorInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Coordinator)
        {
            await DeniedAsync(viewer, ResourcesAudit.DonorTarget, null, ct);
            return (null, null);
        }
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length < 2)
            errors[nameof(DonorInput.Name)] = [text["Resources_DonorNameRequired"]];
        else if (name.Length > 200)
            errors[nameof(DonorInput.Name)] = [text["Validation_TooLong", 200]];
        else if (await db.Donors.AnyAsync(d => d.Name == name, ct))
            errors[nameof(DonorInput.Name)] = [text["Resources_DonorTaken"]];
        var reference = string.IsNullOrWhiteSpace(input.Ref) ? null : input.Ref.Trim();
        if (reference is not null && !IatiExchange.IsOrgRef(reference))
            errors[nameof(DonorInput.Ref)] = [text["Resources_DonorRefInvalid"]];
        else if (reference is not null && await db.Donors.AnyAsync(d => d.Ref == reference, ct))
            errors[nameof(DonorInput.Ref)] = [text["Resources_DonorTaken"]];
        if (input.InstitutionId is { } inst && !await db.Institutions.AnyAsync(i => i.Id == inst && i.IsActive, ct))
            errors[nameof(DonorInput.InstitutionId)] = [text["Resources_InstitutionUnknown"]];
        if (errors.Count > 0)
            return (null, errors);
        try
        {
            var id = await writes.RunAsync(viewer, async ct =>
            {
                var donor = new Donor { Name = name, Ref = reference, InstitutionId = input.InstitutionId, CreatedBy = viewer.UserId, CreatedAt = time.GetUtcNow() };
                db.Donors.Add(donor);
                await db.SaveChangesAsync(ct);
                return new Audited<Guid>(donor.Id, new AuditRecord(ResourcesAudit.DonorRecorded, TargetType: ResourcesAudit.DonorTarget, TargetId: donor.Id,
                    Relation: RoleCatalog.Coordinator));
            }, ct);
            return (id, errors);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (null, new() { [nameof(DonorInput.Name)] = [text["Resources_DonorTaken"]] });
        }
    }

    public async Task<Dictionary<string, string[]>?> AddAreaAsync(Viewer viewer, IReadOnlyCollection<string> roles, AreaInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Coordinator)
        {
            await DeniedAsync(viewer, ResourcesAudit.DonorTarget, input.DonorId, ct);
            return null;
        }
        var errors = new Dictionary<string, string[]>();
        if (input.DonorId is not { } donorId || !await db.Donors.AnyAsync(d => d.Id == donorId, ct))
            errors[nameof(AreaInput.DonorId)] = [text["Resources_DonorRequired"]];
        if (input.Categories.Count == 0 || input.Categories.Any(c => !Enum.IsDefined(c)))
            errors[nameof(AreaInput.Categories)] = [text["Resources_CategoriesRequired"]];
        if (input.Regions.Count == 0 || input.Regions.Any(r => !Enum.IsDefined(r)))
            errors[nameof(AreaInput.Regions)] = [text["Resources_RegionRequired"]];
        if (input.From is null)
            errors[nameof(AreaInput.From)] = [text["Resources_FromRequired"]];
        if (input.Until is not { } until)
            errors[nameof(AreaInput.Until)] = [text["Resources_UntilRequired"]];
        else if (input.From is { } from && until < from)
            errors[nameof(AreaInput.Until)] = [text["Resources_UntilBeforeFrom"]];
        if (input.Ceiling is not { } ceiling || ceiling <= 0 || ceiling > MaxAmount || decimal.Round(ceiling, 2) != ceiling)
            errors[nameof(AreaInput.Ceiling)] = [text["Resources_AmountRange"]];
        if (input.Currency is not { } currency || !Enum.IsDefined(currency))
            errors[nameof(AreaInput.Currency)] = [text["Resources_CurrencyRequired"]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var area = new DonorArea
            {
                DonorId = input.DonorId!.Value,
                Categories = Join(input.Categories),
                Regions = Join(input.Regions),
                From = input.From!.Value,
                Until = input.Until!.Value,
                Ceiling = input.Ceiling!.Value,
                Currency = input.Currency!.Value,
                RecordedBy = viewer.UserId,
                RecordedAt = time.GetUtcNow(),
            };
            db.DonorAreas.Add(area);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ResourcesAudit.AreaRecorded, TargetType: ResourcesAudit.DonorTarget, TargetId: area.DonorId,
                Relation: RoleCatalog.Coordinator));
        }, ct);
        return errors;
    }

    /// <summary>Donors and active institutions, for the Coordinator's forms.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> DonorChoicesAsync(CancellationToken ct = default) =>
        (await db.Donors.AsNoTracking().Select(d => new { d.Id, d.Name }).ToListAsync(ct)).OrderBy(d => d.Name, StringComparer.CurrentCulture)
            .Select(d => (d.Id, d.Name)).ToList();

    public async Task<IReadOnlyList<(Guid Id, string Name)>> InstitutionChoicesAsync(CancellationToken ct = default) =>
        (await db.Institutions.AsNoTracking().Where(i => i.IsActive && i.Kind != InstitutionKind.PlatformAdministration && i.Kind != InstitutionKind.Oversight)
            .Select(i => new { i.Id, i.Name }).ToListAsync(ct)).OrderBy(i => i.Name, StringComparer.CurrentCulture).Select(i => (i.Id, i.Name)).ToList();

    // ---------------------------------------------------------------- flows

    /// <summary>
    /// Records a pledge, commitment or disbursement and its allocations (once per key), and moves the needs' status; the
    /// Coordinator only. Every allocation is in the flow's currency, which must be each need's.
    /// </summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> RecordFlowAsync(Viewer viewer, IReadOnlyCollection<string> roles, FlowInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Coordinator)
        {
            await DeniedAsync(viewer, ResourcesAudit.FlowTarget, null, ct);
            return (null, null);
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (seen.Result, []);
        var errors = new Dictionary<string, string[]>();
        var needs = await ValidateFlowAsync(input, errors, ct);
        if (errors.Count > 0)
            return (null, errors);

        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var flow = await AddFlowAsync(viewer, input, needs, ct);
            return new Audited<Guid>(flow.Id, new AuditRecord(ResourcesAudit.FlowRecorded, TargetType: ResourcesAudit.FlowTarget, TargetId: flow.Id,
                Relation: RoleCatalog.Coordinator), flow.Id);
        }
        if (request is null)
            return (await writes.RunAsync(viewer, Work, ct), errors);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (once.Result, errors);
    }

    /// <summary>Checks a flow; the needs it answers when it is good (else errors are filled).</summary>
    internal async Task<List<Need>> ValidateFlowAsync(FlowInput input, Dictionary<string, string[]> errors, CancellationToken ct, IReadOnlyCollection<Need>? pending = null)
    {
        if (input.DonorId is not { } donorId || !await db.Donors.AnyAsync(d => d.Id == donorId, ct))
            errors[nameof(FlowInput.DonorId)] = [text["Resources_DonorRequired"]];
        if (input.Type is not { } type || !Enum.IsDefined(type))
            errors[nameof(FlowInput.Type)] = [text["Resources_FlowTypeRequired"]];
        if (input.Currency is not { } currency || !Enum.IsDefined(currency))
            errors[nameof(FlowInput.Currency)] = [text["Resources_CurrencyRequired"]];
        if (input.On is not { } on)
            errors[nameof(FlowInput.On)] = [text["Resources_FlowDateRequired"]];
        else if (on.Year < 1990 || on > Today.AddYears(10))
            errors[nameof(FlowInput.On)] = [text["Resources_FlowDateRange"]];
        else if (input.Type == FlowType.Disbursement && on > Today)
            errors[nameof(FlowInput.On)] = [text["Resources_DisbursementFuture"]];
        var reference = string.IsNullOrWhiteSpace(input.Ref) ? null : input.Ref.Trim();
        if (reference is { Length: > 200 })
            errors[nameof(FlowInput.Ref)] = [text["Validation_TooLong", 200]];
        var allocations = input.Allocations;
        var needs = new List<Need>();
        if (allocations.Count == 0 || allocations.Count > MaxAllocations)
            errors[nameof(FlowInput.Allocations)] = [text["Resources_AllocationRequired", MaxAllocations]];
        else if (allocations.Any(a => a.Amount is not { } x || x <= 0 || x > MaxAmount || decimal.Round(x, 2) != x))
            errors["Amount"] = [text["Resources_AmountRange"]];
        else if (allocations.Select(a => a.NeedId).Distinct().Count() != allocations.Count)
            errors[nameof(FlowInput.Allocations)] = [text["Resources_AllocationTwice"]];
        else
        {
            var ids = allocations.Where(a => a.NeedId is not null).Select(a => a.NeedId!.Value).ToList();
            needs = await db.Needs.AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync(ct);
            if (pending is not null)
                needs.AddRange(pending.Where(p => ids.Contains(p.Id) && needs.All(n => n.Id != p.Id)));
            if (needs.Count != allocations.Count)
                errors[nameof(FlowInput.Allocations)] = [text["Resources_NeedUnknown"]];
            else if (needs.Any(n => n.Status == NeedStatus.Withdrawn))
                errors[nameof(FlowInput.Allocations)] = [text["Resources_NeedWithdrawn"]];
            else if (input.Currency is { } cur && needs.Any(n => n.Currency is { } nc && nc != cur))
                errors[nameof(FlowInput.Currency)] = [text["Resources_CurrencyMismatch"]];
            else if (input.Currency is { } cur2)
            {
                // A need without an amount takes the currency of its first flow, and keeps it.
                var noAmount = needs.Where(n => n.Currency is null).Select(n => n.Id).ToList();
                var other = await db.FlowAllocations.AsNoTracking().Where(a => noAmount.Contains(a.NeedId))
                    .Join(db.ResourceFlows, a => a.FlowId, f => f.Id, (a, f) => f.Currency).AnyAsync(c => c != cur2, ct);
                if (other)
                    errors[nameof(FlowInput.Currency)] = [text["Resources_CurrencyMismatch"]];
            }
        }
        return needs;
    }

    /// <summary>Adds the flow and its allocations and moves the needs' status (inside the caller's audited transaction).</summary>
    internal async Task<ResourceFlow> AddFlowAsync(Viewer viewer, FlowInput input, IReadOnlyCollection<Need> needs, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var flow = new ResourceFlow
        {
            DonorId = input.DonorId!.Value,
            Type = input.Type!.Value,
            Currency = input.Currency!.Value,
            On = input.On!.Value,
            Amount = input.Allocations.Sum(a => a.Amount!.Value),
            Ref = string.IsNullOrWhiteSpace(input.Ref) ? null : input.Ref.Trim(),
            RecordedBy = viewer.UserId,
            RecordedAt = now,
        };
        db.ResourceFlows.Add(flow);
        db.FlowAllocations.AddRange(input.Allocations.Select(a => new FlowAllocation { FlowId = flow.Id, NeedId = a.NeedId!.Value, Amount = a.Amount!.Value }));
        await db.SaveChangesAsync(ct);
        await RestateAsync(needs.Select(n => n.Id).ToList(), now, ct);
        return flow;
    }

    /// <summary>Sets each need's status from its flows (the withdrawn stay withdrawn).</summary>
    internal async Task RestateAsync(IReadOnlyCollection<Guid> needIds, DateTimeOffset now, CancellationToken ct)
    {
        var totals = await TotalsAsync(needIds, ct);
        foreach (var need in await db.Needs.Where(n => needIds.Contains(n.Id)).ToListAsync(ct))
        {
            var status = StatusOf(need.Amount, need.Status == NeedStatus.Withdrawn, totals.GetValueOrDefault(need.Id) ?? Totals.None);
            if (status != need.Status)
            {
                need.Status = status;
                need.UpdatedAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- who does what where

    /// <summary>
    /// OCHA's 3W: per region, category, donor and implementing institution, the amounts pledged, committed and disbursed to the
    /// needs the viewer may see (a need in several regions counts in each). Null when the viewer sees no needs.
    /// </summary>
    public async Task<IReadOnlyList<WhoRow>?> WhoWhatWhereAsync(Viewer viewer, IReadOnlyCollection<string> roles, Region? region = null,
        NeedCategory? category = null, Guid? donorId = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Participant)
            return null;
        var visible = Visible(s).Where(n => n.Status != NeedStatus.Withdrawn);
        var rows = await db.FlowAllocations.AsNoTracking()
            .Join(db.ResourceFlows.Where(f => f.Status == FlowStatus.Confirmed), a => a.FlowId, f => f.Id, (a, f) => new { a.NeedId, a.Amount, f.DonorId, f.Type, f.Currency })
            .Join(visible, x => x.NeedId, n => n.Id, (x, n) => new { x.NeedId, x.Amount, x.DonorId, x.Type, x.Currency, n.Category, n.Regions, n.InstitutionId })
            .ToListAsync(ct);
        if (category is { } c)
            rows = rows.Where(r => r.Category == c).ToList();
        if (donorId is { } d)
            rows = rows.Where(r => r.DonorId == d).ToList();
        var donors = await db.Donors.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var names = await InstitutionNamesAsync(rows.Select(r => r.InstitutionId), ct);
        return rows.SelectMany(r => RegionsOf(r.Regions).Select(reg => new { Region = reg, r }))
            .Where(x => region is null || x.Region == region)
            .GroupBy(x => (x.Region, x.r.Category, x.r.DonorId, x.r.InstitutionId, x.r.Currency))
            .Select(g => new WhoRow(g.Key.Region, g.Key.Category, donors.GetValueOrDefault(g.Key.DonorId) ?? "", names.GetValueOrDefault(g.Key.InstitutionId) ?? "",
                g.Select(x => x.r.NeedId).Distinct().Count(),
                g.Where(x => x.r.Type == FlowType.Pledge).Sum(x => x.r.Amount), g.Where(x => x.r.Type == FlowType.Commitment).Sum(x => x.r.Amount),
                g.Where(x => x.r.Type == FlowType.Disbursement).Sum(x => x.r.Amount), g.Key.Currency))
            .OrderBy(r => r.Region).ThenBy(r => r.Category).ThenBy(r => r.Donor, StringComparer.CurrentCulture).ThenBy(r => r.Institution, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The office's home card: open needs nothing was pledged to, and commitments older than 90 days not disbursed in full.</summary>
    public async Task<(IReadOnlyList<NeedRow> Unanswered, int OverdueCommitments)?> OfficeWatchAsync(Viewer viewer, IReadOnlyCollection<string> roles,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.SeesAll)
            return null;
        var open = await RowsAsync(s, db.Needs.AsNoTracking().Where(n => n.Status == NeedStatus.Open), ct);
        var unanswered = open.Where(r => r.Totals.Promised == 0).ToList();
        var late = (await RowsAsync(s, db.Needs.AsNoTracking().Where(n => n.Status == NeedStatus.Met || n.Status == NeedStatus.PartlyMet), ct))
            .Where(r => r.Totals.Committed > r.Totals.Disbursed).Select(r => r.Id).ToList();
        var cutoff = Today.AddDays(-90);
        var overdue = await db.FlowAllocations.AsNoTracking().Where(a => late.Contains(a.NeedId))
            .Join(db.ResourceFlows.Where(f => f.Type == FlowType.Commitment && f.Status == FlowStatus.Confirmed && f.On < cutoff), a => a.FlowId, f => f.Id, (a, f) => a.NeedId)
            .Distinct().CountAsync(ct);
        return (unanswered, overdue);
    }

    internal async Task<Dictionary<Guid, string>> InstitutionNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Institutions.AsNoTracking().Where(i => list.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
    }

    private static string RelationOf(Standing s, Guid institutionId) => institutionId == s.InstitutionId ? "OwnInstitution" : RoleCatalog.Coordinator;

    internal Task DeniedAsync(Viewer viewer, AuditTarget target, Guid? id, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(ResourcesAudit.Denied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, target, id), ct);
}
