using System.Globalization;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Features.Observation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Awareness;

/// <summary>
/// Awareness campaigns (issue 16 §6; the plan's §7): campaigns with their audiences, regions, channels, period, lead and partners,
/// budget, materials and activities, and the helpline's contact volumes in the weeks around each campaign. Who may do what is one
/// standing: every active user reads campaigns (they hold nothing personal; auditors too); the Coordinator's office records any
/// campaign; another participant records campaigns its institution leads, and the activities and materials of campaigns its
/// institution leads or partners in. The helpline figures are weekly counts only, and a count of one or two is shown as "&lt;3".
/// Contacts hold no region, so the figures are national.
/// </summary>
public sealed class Campaigns(AriadneDbContext db, AuditedWrites writes, AuditTrail audit, TimeProvider time, UiTime uiTime, IStringLocalizer<SharedResource> text)
{
    public const int SmallCell = 3;
    public const int MaxTitle = 300;
    public const int MaxText = 2000;
    public const int MaxWeeks = 12;
    public const int DefaultWeeks = 4;
    /// <summary>The longest campaign whose weeks are shown one by one.</summary>
    public const int MaxDuringWeeks = 52;

    public static readonly string[] ExcludedRoles = [RoleCatalog.Auditor, RoleCatalog.Administrator];

    public sealed record Standing(Guid InstitutionId, bool Reader, bool Participant, bool Office);

    public sealed class CampaignInput
    {
        public string? TitleAz { get; set; }
        public string? TitleRu { get; set; }
        public string? TitleEn { get; set; }
        public string? Objective { get; set; }
        public List<CampaignAudience> Audiences { get; set; } = [];
        public List<Region> Regions { get; set; } = [];
        public List<CampaignChannel> Channels { get; set; } = [];
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
        public Guid? LeadInstitutionId { get; set; }
        public List<Guid> Partners { get; set; } = [];
        public decimal? Budget { get; set; }
        public CampaignStatus? Status { get; set; }
    }

    public sealed class ActivityInput
    {
        public DateOnly? On { get; set; }
        public Region? Region { get; set; }
        public ActivityType? Type { get; set; }
        public CampaignAudience? Audience { get; set; }
        public int? Reach { get; set; }
        public bool? ReachCounted { get; set; }
        public string? Notes { get; set; }
    }

    public sealed class MaterialInput
    {
        public string? Name { get; set; }
        public MaterialType? Type { get; set; }
        public string? Language { get; set; }
        public int? Quantity { get; set; }
        public string? Reference { get; set; }
    }

    public sealed record Row(Guid Id, string Title, DateOnly StartsOn, DateOnly EndsOn, CampaignStatus Status, string Lead, IReadOnlyList<Region> Regions,
        CampaignAudience Audiences, int Activities, int Reach);

    public sealed record ActivityView(DateOnly On, Region Region, ActivityType Type, CampaignAudience Audience, int Reach, bool ReachCounted, string? Notes);

    public sealed record MaterialView(string Name, MaterialType Type, string Language, int? Quantity, string? Reference);

    public enum Phase { Before, During, After }

    /// <summary>One week's helpline contacts: its days, its phase, the count (null when suppressed), whether the week is not over yet.</summary>
    public sealed record Week(DateOnly From, DateOnly To, Phase Phase, int? Count, bool Partial)
    {
        public bool Suppressed => Count is null;
    }

    public sealed record CampaignView(Guid Id, string Title, string? TitleAz, string? TitleRu, string? TitleEn, string Objective, CampaignAudience Audiences,
        IReadOnlyList<Region> Regions, CampaignChannel Channels, DateOnly StartsOn, DateOnly EndsOn, string Lead, IReadOnlyList<string> Partners,
        decimal? Budget, CampaignStatus Status, IReadOnlyList<ActivityView> Activities, IReadOnlyList<MaterialView> Materials, int ReachCounted,
        int ReachEstimated, IReadOnlyList<Week> Helpline, int Weeks, bool MayRecord);

    public static string TagClass(CampaignStatus status) => status switch
    {
        CampaignStatus.Running => "govuk-tag--blue",
        CampaignStatus.Completed => "govuk-tag--green",
        CampaignStatus.Cancelled => "govuk-tag--grey",
        _ => "govuk-tag--light-blue",
    };

    public static string Pick(string? az, string? ru, string? en)
    {
        var chosen = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "az" => az, "ru" => ru, _ => en };
        return !string.IsNullOrWhiteSpace(chosen) ? chosen : az ?? ru ?? en ?? "";
    }

    public async Task<Standing> StandingAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var kind = await db.Institutions.AsNoTracking().Where(i => i.Id == viewer.InstitutionId && i.IsActive).Select(i => (InstitutionKind?)i.Kind).FirstOrDefaultAsync(ct);
        var active = kind is not null && roles.Count > 0 && await db.Users.AnyAsync(u => u.Id == viewer.UserId && u.InstitutionId == viewer.InstitutionId && !u.IsDisabled, ct);
        var participant = active && !roles.All(ExcludedRoles.Contains);
        var office = participant && kind == InstitutionKind.NationalCoordinator && (roles.Contains(RoleCatalog.Coordinator) || roles.Contains(RoleCatalog.Analyst));
        return new Standing(viewer.InstitutionId, active, participant, office);
    }

    /// <summary>Whether the standing records for the campaign: the office, or a participant of its lead or a partner institution.</summary>
    private async Task<bool> MayRecordAsync(Standing s, Guid campaignId, CancellationToken ct) =>
        s.Office || s.Participant && (await db.Set<Campaign>().AnyAsync(c => c.Id == campaignId && c.LeadInstitutionId == s.InstitutionId, ct)
            || await db.Set<CampaignPartner>().AnyAsync(p => p.CampaignId == campaignId && p.InstitutionId == s.InstitutionId, ct));

    public async Task<IReadOnlyList<Row>?> ListAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Reader)
            return null;
        var campaigns = await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.StartsOn).Take(500).ToListAsync(ct);
        var ids = campaigns.Select(c => c.Id).ToList();
        var regions = await db.Set<CampaignRegion>().AsNoTracking().Where(r => ids.Contains(r.CampaignId)).ToListAsync(ct);
        var activities = await db.Set<CampaignActivity>().AsNoTracking().Where(a => ids.Contains(a.CampaignId)).Select(a => new { a.CampaignId, a.Reach }).ToListAsync(ct);
        var names = await NamesAsync(campaigns.Select(c => c.LeadInstitutionId), ct);
        return campaigns.Select(c => new Row(c.Id, Pick(c.TitleAz, c.TitleRu, c.TitleEn), c.StartsOn, c.EndsOn, c.Status, names.GetValueOrDefault(c.LeadInstitutionId) ?? "",
            [.. regions.Where(r => r.CampaignId == c.Id).Select(r => r.Region).Order()], c.Audiences,
            activities.Count(a => a.CampaignId == c.Id), activities.Where(a => a.CampaignId == c.Id).Sum(a => a.Reach))).ToList();
    }

    public async Task<CampaignView?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, int weeks = DefaultWeeks, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var c = s.Reader ? await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (c is null)
            return null;
        var regions = await db.Set<CampaignRegion>().AsNoTracking().Where(r => r.CampaignId == id).Select(r => r.Region).ToListAsync(ct);
        var partners = await db.Set<CampaignPartner>().AsNoTracking().Where(p => p.CampaignId == id).Select(p => p.InstitutionId).ToListAsync(ct);
        var names = await NamesAsync([c.LeadInstitutionId, .. partners], ct);
        var activities = await db.Set<CampaignActivity>().AsNoTracking().Where(a => a.CampaignId == id).OrderBy(a => a.On).ToListAsync(ct);
        var materials = await db.Set<CampaignMaterial>().AsNoTracking().Where(m => m.CampaignId == id).OrderBy(m => m.RecordedAt).ToListAsync(ct);
        weeks = Math.Clamp(weeks, 1, MaxWeeks);
        return new CampaignView(c.Id, Pick(c.TitleAz, c.TitleRu, c.TitleEn), c.TitleAz, c.TitleRu, c.TitleEn, c.Objective, c.Audiences, [.. regions.Order()], c.Channels,
            c.StartsOn, c.EndsOn, names.GetValueOrDefault(c.LeadInstitutionId) ?? "", [.. partners.Select(p => names.GetValueOrDefault(p) ?? "").Order(StringComparer.CurrentCulture)],
            c.Budget, c.Status,
            [.. activities.Select(a => new ActivityView(a.On, a.Region, a.Type, a.Audience, a.Reach, a.ReachCounted, a.Notes))],
            [.. materials.Select(m => new MaterialView(m.Name, m.Type, m.Language, m.Quantity, m.Reference))],
            activities.Where(a => a.ReachCounted).Sum(a => a.Reach), activities.Where(a => !a.ReachCounted).Sum(a => a.Reach),
            await HelplineWeeksAsync(c.StartsOn, c.EndsOn, weeks, ct), weeks, await MayRecordAsync(s, id, ct));
    }

    /// <summary>
    /// The helpline's contacts per week around a period: <paramref name="weeks"/> weeks before its start, its own weeks (seven days
    /// from the start; the last one cut at the end), and <paramref name="weeks"/> weeks after its end; local days. Weeks not begun
    /// yet are left out; the week under way is marked partial. A count from 1 to 2 is suppressed. Counts only: no contact leaves.
    /// </summary>
    public async Task<IReadOnlyList<Week>> HelplineWeeksAsync(DateOnly start, DateOnly end, int weeks, CancellationToken ct = default)
    {
        var today = uiTime.Today;
        var spans = new List<(DateOnly From, DateOnly To, Phase Phase)>();
        for (var k = weeks; k >= 1; k--)
            spans.Add((start.AddDays(-7 * k), start.AddDays(-7 * (k - 1) - 1), Phase.Before));
        for (var from = start; from <= end && spans.Count(x => x.Phase == Phase.During) < MaxDuringWeeks; from = from.AddDays(7))
            spans.Add((from, from.AddDays(6) < end ? from.AddDays(6) : end, Phase.During));
        for (var k = 1; k <= weeks; k++)
            spans.Add((end.AddDays(7 * (k - 1) + 1), end.AddDays(7 * k), Phase.After));
        spans = spans.Where(x => x.From <= today).ToList();
        if (spans.Count == 0)
            return [];
        var first = Utc(spans[0].From);
        var last = Utc(spans[^1].To.AddDays(1));
        var received = await db.HelplineContacts.AsNoTracking().Where(h => h.ReceivedAt >= first && h.ReceivedAt < last).Select(h => h.ReceivedAt).ToListAsync(ct);
        var days = received.Select(uiTime.DayOf).ToList();
        return spans.Select(x =>
        {
            var count = days.Count(d => d >= x.From && d <= x.To);
            return new Week(x.From, x.To, x.Phase, count is > 0 and < SmallCell ? null : count, x.To >= today);
        }).ToList();
    }

    private DateTimeOffset Utc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, uiTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Records a campaign (once per form key). The office chooses any lead; another participant leads it itself.</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> CreateAsync(Viewer viewer, IReadOnlyCollection<string> roles, CampaignInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Participant)
        {
            await DeniedAsync(viewer, null, ct);
            return (null, null);
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Form_AlreadySent"]] }) : (seen.Result, []);
        var (errors, clean) = await ValidateAsync(s, input, ct);
        if (errors.Count > 0)
            return (null, errors);
        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var row = new Campaign { CreatedBy = viewer.UserId, CreatedAt = now };
            Apply(row, clean, now);
            db.Set<Campaign>().Add(row);
            db.Set<CampaignRegion>().AddRange(clean.Regions.Select(r => new CampaignRegion { CampaignId = row.Id, Region = r }));
            db.Set<CampaignPartner>().AddRange(clean.Partners.Select(p => new CampaignPartner { CampaignId = row.Id, InstitutionId = p }));
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(row.Id, new AuditRecord(AwarenessAudit.CampaignRecorded, TargetType: AwarenessAudit.CampaignTarget, TargetId: row.Id), row.Id);
        }
        if (request is null)
            return (await writes.RunAsync(viewer, Work, ct), []);
        var once = await writes.RunOnceAsync(viewer, request, Work, (x, _) => Task.FromResult(x), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Form_AlreadySent"]] }) : (once.Result, []);
    }

    /// <summary>Changes a campaign's status (the office, the lead or a partner).</summary>
    public async Task<Dictionary<string, string[]>?> SetStatusAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CampaignStatus? status,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!await MayRecordAsync(s, id, ct))
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (status is not { } st || !Enum.IsDefined(st))
            return new() { ["Status"] = [text["Awareness_StatusRequired"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.Set<Campaign>().FirstAsync(c => c.Id == id, ct);
            row.Status = st;
            row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(AwarenessAudit.CampaignChanged, TargetType: AwarenessAudit.CampaignTarget, TargetId: id));
        }, ct);
        return [];
    }

    /// <summary>Records an activity of the campaign (once per form key).</summary>
    public async Task<Dictionary<string, string[]>?> AddActivityAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, ActivityInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!await MayRecordAsync(s, id, ct))
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? new() { [""] = [text["Form_AlreadySent"]] } : [];
        var campaign = await db.Set<Campaign>().AsNoTracking().FirstAsync(c => c.Id == id, ct);
        var errors = new Dictionary<string, string[]>();
        if (input.On is not { } on)
            errors[nameof(ActivityInput.On)] = [text["Awareness_ActivityDateRequired"]];
        else if (on < campaign.StartsOn.AddDays(-30) || on > campaign.EndsOn.AddDays(30) || on > uiTime.Today)
            errors[nameof(ActivityInput.On)] = [text["Awareness_ActivityDateRange"]];
        if (input.Region is not { } region || !Enum.IsDefined(region))
            errors[nameof(ActivityInput.Region)] = [text["Awareness_RegionRequired"]];
        if (input.Type is not { } type || !Enum.IsDefined(type))
            errors[nameof(ActivityInput.Type)] = [text["Awareness_ActivityTypeRequired"]];
        if (input.Audience is not { } audience || audience == CampaignAudience.None || !Enum.GetValues<CampaignAudience>().Contains(audience))
            errors[nameof(ActivityInput.Audience)] = [text["Awareness_AudienceRequired"]];
        if (input.Reach is not { } reach || reach < 0 || reach > 10_000_000)
            errors[nameof(ActivityInput.Reach)] = [text["Awareness_ReachRange"]];
        if (input.ReachCounted is null)
            errors[nameof(ActivityInput.ReachCounted)] = [text["Awareness_ReachKindRequired"]];
        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes is { Length: > MaxText })
            errors[nameof(ActivityInput.Notes)] = [text["Validation_TooLong", MaxText]];
        if (errors.Count > 0)
            return errors;
        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var row = new CampaignActivity
            {
                CampaignId = id,
                On = input.On!.Value,
                Region = input.Region!.Value,
                Type = input.Type!.Value,
                Audience = input.Audience!.Value,
                Reach = input.Reach!.Value,
                ReachCounted = input.ReachCounted!.Value,
                Notes = notes,
                RecordedBy = viewer.UserId,
                RecordedAt = time.GetUtcNow(),
            };
            db.Set<CampaignActivity>().Add(row);
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(row.Id, new AuditRecord(AwarenessAudit.ActivityRecorded, TargetType: AwarenessAudit.CampaignTarget, TargetId: id), row.Id);
        }
        if (request is null)
            await writes.RunAsync(viewer, Work, ct);
        else if ((await writes.RunOnceAsync(viewer, request, Work, (x, _) => Task.FromResult(x), ct)).Outcome == OnceOutcome.KeyConflict)
            return new() { [""] = [text["Form_AlreadySent"]] };
        return [];
    }

    /// <summary>Records a material of the campaign (once per form key).</summary>
    public async Task<Dictionary<string, string[]>?> AddMaterialAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, MaterialInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!await MayRecordAsync(s, id, ct))
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? new() { [""] = [text["Form_AlreadySent"]] } : [];
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
            errors[nameof(MaterialInput.Name)] = [text["Awareness_MaterialNameRequired"]];
        else if (name.Length > MaxTitle)
            errors[nameof(MaterialInput.Name)] = [text["Validation_TooLong", MaxTitle]];
        if (input.Type is not { } type || !Enum.IsDefined(type))
            errors[nameof(MaterialInput.Type)] = [text["Awareness_MaterialTypeRequired"]];
        var language = input.Language?.Trim().ToLowerInvariant() ?? "";
        if (language.Length is < 2 or > 3 || !language.All(char.IsAsciiLetterLower))
            errors[nameof(MaterialInput.Language)] = [text["Awareness_LanguageRequired"]];
        if (input.Quantity is < 0 or > 100_000_000)
            errors[nameof(MaterialInput.Quantity)] = [text["Awareness_QuantityRange"]];
        var reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim();
        if (reference is { Length: > 500 })
            errors[nameof(MaterialInput.Reference)] = [text["Validation_TooLong", 500]];
        if (errors.Count > 0)
            return errors;
        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var row = new CampaignMaterial
            {
                CampaignId = id,
                Name = name,
                Type = input.Type!.Value,
                Language = language,
                Quantity = input.Quantity,
                Reference = reference,
                RecordedBy = viewer.UserId,
                RecordedAt = time.GetUtcNow(),
            };
            db.Set<CampaignMaterial>().Add(row);
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(row.Id, new AuditRecord(AwarenessAudit.MaterialRecorded, TargetType: AwarenessAudit.CampaignTarget, TargetId: id), row.Id);
        }
        if (request is null)
            await writes.RunAsync(viewer, Work, ct);
        else if ((await writes.RunOnceAsync(viewer, request, Work, (x, _) => Task.FromResult(x), ct)).Outcome == OnceOutcome.KeyConflict)
            return new() { [""] = [text["Form_AlreadySent"]] };
        return [];
    }

    /// <summary>Institutions that may lead or partner a campaign.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> InstitutionChoicesAsync(CancellationToken ct = default) =>
        (await db.Institutions.AsNoTracking().Where(i => i.IsActive && i.Kind != InstitutionKind.PlatformAdministration && i.Kind != InstitutionKind.Oversight)
            .Select(i => new { i.Id, i.Name }).ToListAsync(ct)).OrderBy(i => i.Name, StringComparer.CurrentCulture).Select(i => (i.Id, i.Name)).ToList();

    private sealed record Clean(string? TitleAz, string? TitleRu, string? TitleEn, string Objective, CampaignAudience Audiences, List<Region> Regions,
        CampaignChannel Channels, DateOnly StartsOn, DateOnly EndsOn, Guid Lead, List<Guid> Partners, decimal? Budget, CampaignStatus Status);

    private async Task<(Dictionary<string, string[]> Errors, Clean Clean)> ValidateAsync(Standing s, CampaignInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? Title(string? value, string field)
        {
            var t = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (t is { Length: > MaxTitle })
                errors[field] = [text["Validation_TooLong", MaxTitle]];
            return t;
        }
        var az = Title(input.TitleAz, nameof(CampaignInput.TitleAz));
        var ru = Title(input.TitleRu, nameof(CampaignInput.TitleRu));
        var en = Title(input.TitleEn, nameof(CampaignInput.TitleEn));
        if (az is null && ru is null && en is null)
            errors[nameof(CampaignInput.TitleAz)] = [text["Awareness_TitleRequired"]];
        var objective = input.Objective?.Trim() ?? "";
        if (objective.Length < 10)
            errors[nameof(CampaignInput.Objective)] = [text["Awareness_ObjectiveRequired", 10]];
        else if (objective.Length > MaxText)
            errors[nameof(CampaignInput.Objective)] = [text["Validation_TooLong", MaxText]];
        var audiences = input.Audiences.Where(a => a != CampaignAudience.None).Aggregate(CampaignAudience.None, (x, a) => x | a);
        if (audiences == CampaignAudience.None || input.Audiences.Any(a => !Enum.GetValues<CampaignAudience>().Contains(a)))
            errors[nameof(CampaignInput.Audiences)] = [text["Awareness_AudienceRequired"]];
        var regions = input.Regions.Distinct().ToList();
        if (regions.Count == 0 || regions.Any(r => !Enum.IsDefined(r)))
            errors[nameof(CampaignInput.Regions)] = [text["Awareness_RegionsRequired"]];
        var channels = input.Channels.Where(a => a != CampaignChannel.None).Aggregate(CampaignChannel.None, (x, a) => x | a);
        if (channels == CampaignChannel.None || input.Channels.Any(a => !Enum.GetValues<CampaignChannel>().Contains(a)))
            errors[nameof(CampaignInput.Channels)] = [text["Awareness_ChannelsRequired"]];
        var today = uiTime.Today;
        if (input.StartsOn is not { } starts || starts.Year < 2000 || starts > today.AddYears(3))
            errors[nameof(CampaignInput.StartsOn)] = [text["Awareness_StartRequired"]];
        if (input.EndsOn is not { } ends || ends.Year < 2000 || ends > today.AddYears(5))
            errors[nameof(CampaignInput.EndsOn)] = [text["Awareness_EndRequired"]];
        else if (input.StartsOn is { } st && ends < st)
            errors[nameof(CampaignInput.EndsOn)] = [text["Awareness_EndBeforeStart"]];
        var choices = (await InstitutionChoicesAsync(ct)).Select(i => i.Id).ToHashSet();
        var lead = s.Office ? input.LeadInstitutionId : input.LeadInstitutionId ?? s.InstitutionId;
        if (lead is not { } l)
            errors[nameof(CampaignInput.LeadInstitutionId)] = [text["Awareness_LeadRequired"]];
        else if (!choices.Contains(l))
            errors[nameof(CampaignInput.LeadInstitutionId)] = [text["Awareness_InstitutionUnknown"]];
        else if (!s.Office && l != s.InstitutionId)
            errors[nameof(CampaignInput.LeadInstitutionId)] = [text["Awareness_LeadOwnOnly"]];
        var partners = input.Partners.Distinct().Where(p => p != lead).ToList();
        if (partners.Any(p => !choices.Contains(p)))
            errors[nameof(CampaignInput.Partners)] = [text["Awareness_InstitutionUnknown"]];
        if (input.Budget is < 0 or > 1_000_000_000m)
            errors[nameof(CampaignInput.Budget)] = [text["Awareness_BudgetRange"]];
        if (input.Status is { } status && !Enum.IsDefined(status))
            errors[nameof(CampaignInput.Status)] = [text["Awareness_StatusRequired"]];
        return (errors, new Clean(az, ru, en, objective, audiences, regions, channels, input.StartsOn ?? default, input.EndsOn ?? default, lead ?? Guid.Empty,
            partners, input.Budget is { } b ? Math.Round(b, 2) : null, input.Status ?? CampaignStatus.Planned));
    }

    private static void Apply(Campaign row, Clean c, DateTimeOffset now)
    {
        row.TitleAz = c.TitleAz;
        row.TitleRu = c.TitleRu;
        row.TitleEn = c.TitleEn;
        row.Objective = c.Objective;
        row.Audiences = c.Audiences;
        row.Channels = c.Channels;
        row.StartsOn = c.StartsOn;
        row.EndsOn = c.EndsOn;
        row.LeadInstitutionId = c.Lead;
        row.Budget = c.Budget;
        row.Status = c.Status;
        row.UpdatedAt = now;
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Institutions.AsNoTracking().Where(i => list.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
    }

    private Task DeniedAsync(Viewer viewer, Guid? id, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(AwarenessAudit.Denied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, AwarenessAudit.CampaignTarget, id), ct);
}
