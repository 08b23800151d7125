using System.Globalization;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// The national action plan (issue 16 §1; the plan's §3c, §3d, §4): plan → objective → measure, each measure with a
/// responsible institution, partners, a deadline, a budget line and an indicator. Who sees what: the National
/// Coordinator's office (Coordinator and analysts) sees the whole plan; any other institution sees the measures it answers
/// for or is a partner in, and nothing else. The Coordinator assigns and edits; the responsible institution's leads report
/// status (always with evidence, versioned, shown as a timeline) and typed actuals. Indicators the system can count are
/// computed from its own records per calendar year and never typed; a count of one or two is shown as "fewer than 3",
/// as every other aggregate. A measure the viewer may not see answers null (a 404) and the attempt is audited.
/// </summary>
public sealed class ActionPlans(AriadneDbContext db, AuditedWrites writes, AuditTrail audit, TimeProvider time, UiTime uiTime,
    IStringLocalizer<SharedResource> text)
{
    public const int MaxEvidence = 2000;
    public const int MinEvidence = 10;
    public const int SmallCell = 3;
    /// <summary>Years of computed actuals shown: this one and the four before it.</summary>
    public const int YearsShown = 5;

    /// <summary>The roles that report on a measure their institution answers for (leads, not every member of staff).</summary>
    public static readonly string[] ReporterRoles =
    [
        RoleCatalog.Coordinator, RoleCatalog.SquadChief, RoleCatalog.ShelterManager, RoleCatalog.HelplineSupervisor, RoleCatalog.PartnerOfficer,
        RoleCatalog.ExecutiveOfficer, RoleCatalog.Prosecutor, RoleCatalog.LawEnforcementOfficer, RoleCatalog.SocialWorker,
    ];

    /// <summary>Roles that never see the plan's measures through their institution: oversight reads the audit, administrators run the platform.</summary>
    public static readonly string[] ExcludedRoles = [RoleCatalog.Auditor, RoleCatalog.Administrator];

    public static readonly MeasureStatus[] Closed = [MeasureStatus.Completed, MeasureStatus.Cancelled];

    /// <summary>The GOV.UK tag colour of a status, the same on every page.</summary>
    public static string TagClass(MeasureStatus status) => status switch
    {
        MeasureStatus.Completed => "govuk-tag--green",
        MeasureStatus.InProgress => "govuk-tag--blue",
        MeasureStatus.Delayed => "govuk-tag--orange",
        MeasureStatus.Cancelled => "govuk-tag--grey",
        _ => "govuk-tag--light-blue",
    };

    /// <summary>How the viewer stands to the plan.</summary>
    public sealed record Standing(Guid InstitutionId, bool Coordinator, bool Office, bool Reporter, bool Excluded)
    {
        /// <summary>The National Coordinator's office: sees the whole plan.</summary>
        public bool SeesAll => Office;
    }

    public sealed class StatusInput
    {
        public MeasureStatus? To { get; set; }
        public DateOnly? On { get; set; }
        public string? Evidence { get; set; }
        public string? Reference { get; set; }
        /// <summary>The version the form was read at: a change made meanwhile refuses this one (and a retried post).</summary>
        public int? Version { get; set; }
    }

    public sealed class ActualInput
    {
        public int? Year { get; set; }
        public decimal? Value { get; set; }
        public string? Note { get; set; }
    }

    public sealed class EditInput
    {
        public Guid? ResponsibleInstitutionId { get; set; }
        public List<Guid> Partners { get; set; } = [];
        public DateOnly? Deadline { get; set; }
        public string? BudgetLine { get; set; }
        public decimal? Baseline { get; set; }
        public decimal? Target { get; set; }
        public ComputedIndicator? Computed { get; set; }
    }

    /// <summary>A measure the Coordinator adds to an objective of the plan (its assignment follows on the measure's page).</summary>
    public sealed class NewMeasureInput
    {
        public Guid? ObjectiveId { get; set; }
        public string? Code { get; set; }
        public string? TitleAz { get; set; }
        public string? TitleRu { get; set; }
        public string? TitleEn { get; set; }
        public string? IndicatorAz { get; set; }
        public string? IndicatorRu { get; set; }
        public string? IndicatorEn { get; set; }
    }

    public sealed class RecommendationInput
    {
        public RecommendationBody? Body { get; set; }
        public string? Reference { get; set; }
        public int? Year { get; set; }
        public string? Text { get; set; }
        public List<Guid> Measures { get; set; } = [];
    }

    public sealed record Row(Guid Id, string Code, string Title, string? Responsible, DateOnly? Deadline, MeasureStatus Status, bool Overdue,
        bool DueSoon, bool Mine, string Indicator, Progress? Latest, decimal? Target);

    public sealed record ObjectiveRows(string Code, string Title, IReadOnlyList<Row> Measures);

    public sealed record PlanView(string? Code, string? Title, string? Source, IReadOnlyList<ObjectiveRows> Objectives, Standing Standing);

    /// <summary>One year's actual: typed, or computed (then <see cref="Suppressed"/> when it is one or two).</summary>
    public sealed record Progress(int Year, decimal? Value, bool Computed, bool Suppressed, string? Note);

    public sealed record ChangeView(int Version, MeasureStatus From, MeasureStatus To, DateOnly On, string Evidence, string? Reference, string By, string Institution,
        DateTimeOffset RecordedAt);

    public sealed record RecommendationRow(Guid Id, RecommendationBody Body, string Reference, int Year, string Text, int Measures, int Completed,
        int Started, IReadOnlyList<(Guid Id, string Code)> Linked)
    {
        /// <summary>Share of the linked measures completed, 0–100 (0 when none is linked).</summary>
        public int Percent => Measures == 0 ? 0 : Completed * 100 / Measures;
    }

    public sealed record MeasureView(
        Guid Id, string Code, string Title, string ObjectiveCode, string ObjectiveTitle, Guid? ResponsibleInstitutionId, string? Responsible,
        IReadOnlyList<(Guid Id, string Name)> Partners, DateOnly? Deadline, string? BudgetLine, MeasureStatus Status, int Version, bool Overdue,
        string Indicator, decimal? Baseline, decimal? Target, ComputedIndicator Computed, IReadOnlyList<Progress> Actuals,
        IReadOnlyList<ChangeView> Timeline, IReadOnlyList<RecommendationRow> Recommendations, int FirstYear, DateTimeOffset UpdatedAt,
        Standing Standing, bool MayReport, bool MayEdit);

    public async Task<Standing> StandingAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var kind = await db.Institutions.AsNoTracking().Where(i => i.Id == viewer.InstitutionId && i.IsActive).Select(i => (InstitutionKind?)i.Kind).FirstOrDefaultAsync(ct);
        var office = kind == InstitutionKind.NationalCoordinator && (roles.Contains(RoleCatalog.Coordinator) || roles.Contains(RoleCatalog.Analyst));
        var coordinator = office && roles.Contains(RoleCatalog.Coordinator);
        var excluded = kind is null || roles.Count == 0 || roles.All(ExcludedRoles.Contains);
        return new Standing(viewer.InstitutionId, coordinator, office, !excluded && roles.Any(ReporterRoles.Contains), excluded);
    }

    /// <summary>The measures the standing may see: all for the Coordinator's office, else those of its institution as responsible or partner.</summary>
    private IQueryable<PlanMeasure> Visible(Standing s) =>
        s.SeesAll ? db.PlanMeasures.AsNoTracking()
        : s.Excluded ? db.PlanMeasures.AsNoTracking().Where(_ => false)
        : db.PlanMeasures.AsNoTracking().Where(m => m.ResponsibleInstitutionId == s.InstitutionId
            || db.Set<PlanMeasurePartner>().Any(p => p.MeasureId == m.Id && p.InstitutionId == s.InstitutionId));

    private DateOnly Today => uiTime.Today;

    private static string Pick(string az, string ru, string en)
    {
        var chosen = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "az" => az, "ru" => ru, _ => en };
        return string.IsNullOrWhiteSpace(chosen) ? en : chosen;
    }

    private bool IsOverdue(PlanMeasure m) => m.Deadline is { } d && d < Today && !Closed.Contains(m.Status);

    private bool IsDueSoon(PlanMeasure m) => m.Deadline is { } d && d >= Today && d <= Today.AddDays(30) && !Closed.Contains(m.Status);

    /// <summary>The plan as the viewer may see it, filtered (status, only their institution's, only overdue).</summary>
    public async Task<PlanView> ListAsync(Viewer viewer, IReadOnlyCollection<string> roles, MeasureStatus? status = null, bool mineOnly = false,
        bool overdueOnly = false, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var plan = await db.ActionPlans.AsNoTracking().OrderByDescending(p => p.FirstYear).FirstOrDefaultAsync(ct);
        if (plan is null)
            return new PlanView(null, null, null, [], s);
        var objectives = await db.PlanObjectives.AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.Order).ToListAsync(ct);
        var ids = objectives.Select(o => o.Id).ToList();
        var query = Visible(s).Where(m => ids.Contains(m.ObjectiveId));
        if (status is { } st)
            query = query.Where(m => m.Status == st);
        if (mineOnly)
            query = query.Where(m => m.ResponsibleInstitutionId == s.InstitutionId);
        var measures = (await query.ToListAsync(ct)).OrderBy(m => m.Order).ToList();
        if (overdueOnly)
            measures = measures.Where(IsOverdue).ToList();
        var names = await InstitutionNamesAsync(measures.Where(m => m.ResponsibleInstitutionId is not null).Select(m => m.ResponsibleInstitutionId!.Value), ct);
        var latest = await LatestAsync(measures, plan.FirstYear, ct);
        var rows = objectives.Select(o => new ObjectiveRows(o.Code, Pick(o.TitleAz, o.TitleRu, o.TitleEn), measures.Where(m => m.ObjectiveId == o.Id)
                .Select(m => new Row(m.Id, m.Code, Pick(m.TitleAz, m.TitleRu, m.TitleEn),
                    m.ResponsibleInstitutionId is { } r ? names.GetValueOrDefault(r) : null, m.Deadline, m.Status, IsOverdue(m), IsDueSoon(m),
                    m.ResponsibleInstitutionId == s.InstitutionId, Pick(m.IndicatorAz, m.IndicatorRu, m.IndicatorEn), latest.GetValueOrDefault(m.Id), m.Target))
                .ToList()))
            .Where(o => o.Measures.Count > 0 || s.SeesAll && status is null && !mineOnly && !overdueOnly)
            .ToList();
        return new PlanView(plan.Code, Pick(plan.TitleAz, plan.TitleRu, plan.TitleEn), Pick(plan.SourceAz, plan.SourceRu, plan.SourceEn), rows, s);
    }

    /// <summary>The viewer's institution's open measures that are overdue or due within 30 days (the home card).</summary>
    public async Task<IReadOnlyList<Row>> DueAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Reporter)
            return [];
        var until = Today.AddDays(30);
        var measures = await db.PlanMeasures.AsNoTracking()
            .Where(m => m.ResponsibleInstitutionId == s.InstitutionId && m.Deadline != null && m.Deadline <= until
                && m.Status != MeasureStatus.Completed && m.Status != MeasureStatus.Cancelled)
            .ToListAsync(ct);
        return measures.OrderBy(m => m.Deadline).Select(m => new Row(m.Id, m.Code, Pick(m.TitleAz, m.TitleRu, m.TitleEn), null, m.Deadline, m.Status,
            IsOverdue(m), IsDueSoon(m), true, Pick(m.IndicatorAz, m.IndicatorRu, m.IndicatorEn), null, m.Target)).ToList();
    }

    public async Task<MeasureView?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var m = await Visible(s).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        var objective = await db.PlanObjectives.AsNoTracking().FirstAsync(o => o.Id == m.ObjectiveId, ct);
        var plan = await db.ActionPlans.AsNoTracking().FirstAsync(p => p.Id == objective.PlanId, ct);
        var partnerIds = await db.PlanMeasurePartners.AsNoTracking().Where(p => p.MeasureId == id).Select(p => p.InstitutionId).ToListAsync(ct);
        var changes = await db.MeasureStatusChanges.AsNoTracking().Where(c => c.MeasureId == id).OrderBy(c => c.Version).ToListAsync(ct);
        var people = await db.Users.AsNoTracking().Where(u => changes.Select(c => c.ChangedBy).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var names = await InstitutionNamesAsync([.. partnerIds, .. changes.Select(c => c.ChangedByInstitutionId), .. m.ResponsibleInstitutionId is { } r ? [r] : Array.Empty<Guid>()], ct);
        var recommendations = await RecommendationRowsAsync(db.RecommendationMeasures.Where(l => l.MeasureId == id).Select(l => l.RecommendationId), ct);
        var mayReport = s.Coordinator || s.Reporter && m.ResponsibleInstitutionId == s.InstitutionId;
        return new MeasureView(m.Id, m.Code, Pick(m.TitleAz, m.TitleRu, m.TitleEn), objective.Code, Pick(objective.TitleAz, objective.TitleRu, objective.TitleEn),
            m.ResponsibleInstitutionId, m.ResponsibleInstitutionId is { } ri ? names.GetValueOrDefault(ri) : null,
            [.. partnerIds.Select(p => (p, names.GetValueOrDefault(p) ?? "")).OrderBy(p => p.Item2, StringComparer.CurrentCulture)],
            m.Deadline, m.BudgetLine, m.Status, m.Version, IsOverdue(m), Pick(m.IndicatorAz, m.IndicatorRu, m.IndicatorEn), m.Baseline, m.Target, m.Computed,
            await ActualsAsync(m, plan.FirstYear, ct),
            [.. changes.Select(c => new ChangeView(c.Version, c.From, c.To, c.On, c.Evidence, c.Reference, people.GetValueOrDefault(c.ChangedBy) ?? "",
                names.GetValueOrDefault(c.ChangedByInstitutionId) ?? "", c.RecordedAt))],
            recommendations, plan.FirstYear, m.UpdatedAt, s, mayReport, s.Coordinator);
    }

    /// <summary>A status change: with evidence, against the version read, by the Coordinator or a lead of the responsible institution.</summary>
    public async Task<Dictionary<string, string[]>?> ChangeStatusAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, StatusInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var m = await ReportableAsync(viewer, s, id, ct);
        if (m is null)
            return null;
        // The version first: a change made meanwhile, or this same change sent again, is refused as such, before anything else.
        if (input.Version is null)
            return new() { ["Version"] = [text["Plan_VersionRequired"]] };
        if (input.Version != m.Version)
            return new() { [""] = [text["Plan_ChangedMeanwhile"]] };
        var plan = await PlanOfAsync(m, ct);
        var errors = new Dictionary<string, string[]>();
        if (input.To is not { } to || !Enum.IsDefined(to))
            errors["To"] = [text["Plan_StatusRequired"]];
        else if (to == m.Status)
            errors["To"] = [text["Plan_StatusSame"]];
        else if (!s.Coordinator && (Closed.Contains(m.Status) || to == MeasureStatus.Cancelled))
            errors["To"] = [text["Plan_StatusCoordinatorOnly"]];
        if (input.On is not { } on)
            errors["On"] = [text["Plan_DayRequired"]];
        else if (on > Today)
            errors["On"] = [text["Plan_DayFuture"]];
        else if (on.Year < plan.FirstYear)
            errors["On"] = [text["Plan_DayBeforePlan", plan.FirstYear]];
        var evidence = input.Evidence?.Trim() ?? "";
        if (evidence.Length < MinEvidence)
            errors["Evidence"] = [text["Plan_EvidenceRequired", MinEvidence]];
        else if (evidence.Length > MaxEvidence)
            errors["Evidence"] = [text["Validation_TooLong", MaxEvidence]];
        var reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim();
        if (reference is { Length: > 300 })
            errors["Reference"] = [text["Validation_TooLong", 300]];
        if (errors.Count > 0)
            return errors;
        try
        {
            await writes.RunAsync(viewer, async ct =>
            {
                var row = await db.PlanMeasures.FirstAsync(x => x.Id == id, ct);
                if (row.Version != input.Version)
                    throw new DbUpdateConcurrencyException();
                var now = time.GetUtcNow();
                db.MeasureStatusChanges.Add(new MeasureStatusChange
                {
                    MeasureId = id,
                    Version = row.Version + 1,
                    From = row.Status,
                    To = input.To!.Value,
                    On = input.On!.Value,
                    Evidence = evidence,
                    Reference = reference,
                    ChangedBy = viewer.UserId,
                    ChangedByInstitutionId = viewer.InstitutionId,
                    RecordedAt = now,
                });
                row.Status = input.To!.Value;
                row.Version++;
                row.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, new AuditRecord(PlanAudit.StatusChanged, TargetType: PlanAudit.Measure, TargetId: id, Relation: RelationOf(s)));
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Another change (or the same post sent twice) took this version first: nothing of this one is saved.
            db.ChangeTracker.Clear();
            return new() { [""] = [text["Plan_ChangedMeanwhile"]] };
        }
        return errors;
    }

    /// <summary>A typed actual for a year (replacing that year's earlier figure); refused for an indicator the system computes.</summary>
    public async Task<Dictionary<string, string[]>?> RecordActualAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, ActualInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var m = await ReportableAsync(viewer, s, id, ct);
        if (m is null)
            return null;
        if (m.Computed != ComputedIndicator.None)
            return new() { [""] = [text["Plan_ActualComputed"]] };
        var plan = await PlanOfAsync(m, ct);
        var errors = new Dictionary<string, string[]>();
        if (input.Year is not { } year)
            errors["Year"] = [text["Plan_YearRequired"]];
        else if (year < plan.FirstYear || year > Today.Year)
            errors["Year"] = [text["Plan_YearRange", plan.FirstYear, Today.Year]];
        if (input.Value is not { } value)
            errors["Value"] = [text["Plan_ValueRequired"]];
        else if (value < 0 || value > 1_000_000_000m)
            errors["Value"] = [text["Plan_ValueRange"]];
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > 500 })
            errors["Note"] = [text["Validation_TooLong", 500]];
        if (errors.Count > 0)
            return errors;
        await writes.RunSerializedAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var row = await db.IndicatorActuals.FirstOrDefaultAsync(a => a.MeasureId == id && a.Year == input.Year, ct);
            if (row is null)
                db.IndicatorActuals.Add(row = new IndicatorActual { MeasureId = id, Year = input.Year!.Value });
            row.Value = Math.Round(input.Value!.Value, 2);
            row.Note = note;
            row.RecordedBy = viewer.UserId;
            row.RecordedAt = now;
            (await db.PlanMeasures.FirstAsync(x => x.Id == id, ct)).UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(PlanAudit.ActualRecorded, TargetType: PlanAudit.Measure, TargetId: id, Relation: RelationOf(s)));
        }, ct);
        return errors;
    }

    /// <summary>The Coordinator assigns the measure: responsible institution, partners, deadline, budget line and the indicator's figures.</summary>
    public async Task<Dictionary<string, string[]>?> EditAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, EditInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var m = s.Coordinator ? await db.PlanMeasures.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (m is null)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        var plan = await PlanOfAsync(m, ct);
        var errors = new Dictionary<string, string[]>();
        var active = await db.Institutions.AsNoTracking().Where(i => i.IsActive).Select(i => i.Id).ToListAsync(ct);
        if (input.ResponsibleInstitutionId is not { } responsible)
            errors["ResponsibleInstitutionId"] = [text["Plan_ResponsibleRequired"]];
        else if (!active.Contains(responsible))
            errors["ResponsibleInstitutionId"] = [text["Plan_InstitutionUnknown"]];
        var partners = input.Partners.Distinct().ToList();
        if (partners.Any(p => !active.Contains(p)))
            errors["Partners"] = [text["Plan_InstitutionUnknown"]];
        else if (input.ResponsibleInstitutionId is { } r && partners.Contains(r))
            errors["Partners"] = [text["Plan_PartnerIsResponsible"]];
        else if (partners.Count > 30)
            errors["Partners"] = [text["Plan_TooManyPartners", 30]];
        if (input.Deadline is { } deadline && (deadline.Year < plan.FirstYear || deadline > Today.AddYears(20)))
            errors["Deadline"] = [text["Plan_DeadlineRange", plan.FirstYear]];
        var budget = string.IsNullOrWhiteSpace(input.BudgetLine) ? null : input.BudgetLine.Trim();
        if (budget is { Length: > 100 })
            errors["BudgetLine"] = [text["Validation_TooLong", 100]];
        if (input.Baseline is < 0 or > 1_000_000_000m)
            errors["Baseline"] = [text["Plan_ValueRange"]];
        if (input.Target is < 0 or > 1_000_000_000m)
            errors["Target"] = [text["Plan_ValueRange"]];
        if (input.Computed is { } c && !Enum.IsDefined(c))
            errors["Computed"] = [text["Plan_ComputedUnknown"]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.PlanMeasures.FirstAsync(x => x.Id == id, ct);
            row.ResponsibleInstitutionId = input.ResponsibleInstitutionId;
            row.Deadline = input.Deadline;
            row.BudgetLine = budget;
            row.Baseline = input.Baseline is { } b ? Math.Round(b, 2) : null;
            row.Target = input.Target is { } t ? Math.Round(t, 2) : null;
            row.Computed = input.Computed ?? ComputedIndicator.None;
            row.UpdatedAt = time.GetUtcNow();
            var present = await db.PlanMeasurePartners.Where(p => p.MeasureId == id).ToListAsync(ct);
            db.PlanMeasurePartners.RemoveRange(present.Where(p => !partners.Contains(p.InstitutionId)));
            db.PlanMeasurePartners.AddRange(partners.Where(p => present.All(x => x.InstitutionId != p)).Select(p => new PlanMeasurePartner { MeasureId = id, InstitutionId = p }));
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(PlanAudit.MeasureChanged, TargetType: PlanAudit.Measure, TargetId: id, Relation: RoleCatalog.Coordinator));
        }, ct);
        return errors;
    }

    public const int MaxTitle = 500;

    /// <summary>The objectives of the current plan, for the Coordinator's form that adds a measure.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Code, string Title)>> ObjectiveChoicesAsync(CancellationToken ct = default)
    {
        var plan = await db.Set<ActionPlan>().AsNoTracking().OrderByDescending(p => p.FirstYear).FirstOrDefaultAsync(ct);
        if (plan is null)
            return [];
        var rows = await db.Set<PlanObjective>().AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.Order).ToListAsync(ct);
        return rows.Select(o => (o.Id, o.Code, Pick(o.TitleAz, o.TitleRu, o.TitleEn))).ToList();
    }

    /// <summary>
    /// The Coordinator adds a measure to an objective: a code unique in the plan and a title in the three languages, with the
    /// indicator's wording if there is one; it starts not started, unassigned. A form sent twice (the same key) answers the
    /// measure made the first time. Null when the viewer is not the Coordinator (a 404, audited).
    /// </summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> AddMeasureAsync(Viewer viewer, IReadOnlyCollection<string> roles, NewMeasureInput input,
        Platform.Api.IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Coordinator)
        {
            await DeniedAsync(viewer, Guid.Empty, ct);
            return (null, null);
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (seen.Result, []);
        var errors = new Dictionary<string, string[]>();
        var objective = input.ObjectiveId is { } oid ? await db.Set<PlanObjective>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == oid, ct) : null;
        if (objective is null)
            errors[nameof(NewMeasureInput.ObjectiveId)] = [text[input.ObjectiveId is null ? "Plan_ObjectiveRequired" : "Plan_ObjectiveUnknown"]];
        var code = input.Code?.Trim();
        if (string.IsNullOrEmpty(code))
            errors[nameof(NewMeasureInput.Code)] = [text["Plan_CodeRequired"]];
        else if (code.Length > 20 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
            errors[nameof(NewMeasureInput.Code)] = [text["Plan_CodeFormat"]];
        else if (objective is not null && await (from m in db.Set<PlanMeasure>()
                                                 join o in db.Set<PlanObjective>() on m.ObjectiveId equals o.Id
                                                 where o.PlanId == objective.PlanId && m.Code == code
                                                 select m.Id).AnyAsync(ct))
            errors[nameof(NewMeasureInput.Code)] = [text["Plan_CodeTaken", code]];
        string? Text(string field, string? value, bool required)
        {
            var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (v is null && required)
                errors[field] = [text["Plan_TitleRequired"]];
            else if (v is { Length: > MaxTitle })
                errors[field] = [text["Validation_TooLong", MaxTitle]];
            return v;
        }
        var titleAz = Text(nameof(NewMeasureInput.TitleAz), input.TitleAz, true);
        var titleRu = Text(nameof(NewMeasureInput.TitleRu), input.TitleRu, true);
        var titleEn = Text(nameof(NewMeasureInput.TitleEn), input.TitleEn, true);
        var indicators = new[] { input.IndicatorAz, input.IndicatorRu, input.IndicatorEn };
        var anyIndicator = indicators.Any(i => !string.IsNullOrWhiteSpace(i));
        var indicatorAz = Text(nameof(NewMeasureInput.IndicatorAz), input.IndicatorAz, anyIndicator);
        var indicatorRu = Text(nameof(NewMeasureInput.IndicatorRu), input.IndicatorRu, anyIndicator);
        var indicatorEn = Text(nameof(NewMeasureInput.IndicatorEn), input.IndicatorEn, anyIndicator);
        if (errors.Count > 0)
            return (null, errors);

        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var order = await db.Set<PlanMeasure>().Where(m => m.ObjectiveId == objective!.Id).Select(m => (int?)m.Order).MaxAsync(ct) ?? 0;
            var measure = new PlanMeasure
            {
                ObjectiveId = objective!.Id,
                Code = code!,
                Order = order + 1,
                TitleAz = titleAz!,
                TitleRu = titleRu!,
                TitleEn = titleEn!,
                IndicatorAz = indicatorAz ?? "",
                IndicatorRu = indicatorRu ?? "",
                IndicatorEn = indicatorEn ?? "",
                Status = MeasureStatus.Planned,
                UpdatedAt = time.GetUtcNow(),
            };
            db.Set<PlanMeasure>().Add(measure);
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(measure.Id, new AuditRecord(PlanAudit.MeasureAdded, TargetType: PlanAudit.Measure, TargetId: measure.Id, Relation: RoleCatalog.Coordinator), measure.Id);
        }
        if (request is null)
            return (await writes.RunAsync(viewer, Work, ct), errors);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (once.Result, errors);
    }

    public async Task<IReadOnlyList<RecommendationRow>?> RecommendationsAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        return s.SeesAll ? await RecommendationRowsAsync(db.Recommendations.Select(r => r.Id), ct) : null;
    }

    /// <summary>The Coordinator records a recommendation and the measures that answer it (once: the same body and reference again is refused).</summary>
    public async Task<Dictionary<string, string[]>?> AddRecommendationAsync(Viewer viewer, IReadOnlyCollection<string> roles, RecommendationInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Coordinator)
        {
            await DeniedAsync(viewer, null, ct);
            return null;
        }
        var errors = new Dictionary<string, string[]>();
        if (input.Body is not { } body || !Enum.IsDefined(body))
            errors["Body"] = [text["Plan_BodyRequired"]];
        var reference = input.Reference?.Trim() ?? "";
        if (reference.Length == 0)
            errors["Reference"] = [text["Plan_ReferenceRequired"]];
        else if (reference.Length > 200)
            errors["Reference"] = [text["Validation_TooLong", 200]];
        else if (input.Body is { } b && await db.Recommendations.AnyAsync(r => r.Body == b && r.Reference == reference, ct))
            errors["Reference"] = [text["Plan_ReferenceTaken"]];
        if (input.Year is not { } year || year < 1990 || year > Today.Year)
            errors["Year"] = [text["Plan_YearRange", 1990, Today.Year]];
        var body2 = input.Text?.Trim() ?? "";
        if (body2.Length < MinEvidence)
            errors["Text"] = [text["Plan_RecommendationTextRequired", MinEvidence]];
        else if (body2.Length > 4000)
            errors["Text"] = [text["Validation_TooLong", 4000]];
        var measures = input.Measures.Distinct().ToList();
        if (measures.Count > 0 && await db.PlanMeasures.CountAsync(m => measures.Contains(m.Id), ct) != measures.Count)
            errors["Measures"] = [text["Plan_MeasureUnknown"]];
        if (errors.Count > 0)
            return errors;
        try
        {
            await writes.RunAsync(viewer, async ct =>
            {
                var row = new Recommendation
                {
                    Body = input.Body!.Value,
                    Reference = reference,
                    Year = input.Year!.Value,
                    Text = body2,
                    CreatedBy = viewer.UserId,
                    CreatedAt = time.GetUtcNow(),
                };
                db.Recommendations.Add(row);
                db.RecommendationMeasures.AddRange(measures.Select(m => new RecommendationMeasure { RecommendationId = row.Id, MeasureId = m }));
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, new AuditRecord(PlanAudit.RecommendationAdded, TargetType: PlanAudit.RecommendationTarget, TargetId: row.Id,
                    Relation: RoleCatalog.Coordinator));
            }, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new() { ["Reference"] = [text["Plan_ReferenceTaken"]] };
        }
        return errors;
    }

    /// <summary>The Coordinator links a measure to a recommendation it answers, or unlinks it.</summary>
    public async Task<Dictionary<string, string[]>?> LinkAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid recommendationId, Guid? measureId,
        bool link, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Coordinator || !await db.Recommendations.AnyAsync(r => r.Id == recommendationId, ct))
        {
            await DeniedAsync(viewer, recommendationId, ct);
            return null;
        }
        if (measureId is not { } mid || !await db.PlanMeasures.AnyAsync(m => m.Id == mid, ct))
            return new() { ["MeasureId"] = [text["Plan_MeasureUnknown"]] };
        var present = await db.RecommendationMeasures.AnyAsync(l => l.RecommendationId == recommendationId && l.MeasureId == mid, ct);
        if (present == link)
            return []; // already so: a retried request changes nothing
        await writes.RunAsync(viewer, async ct =>
        {
            if (link)
                db.RecommendationMeasures.Add(new RecommendationMeasure { RecommendationId = recommendationId, MeasureId = mid });
            else
                db.RecommendationMeasures.Remove(await db.RecommendationMeasures.FirstAsync(l => l.RecommendationId == recommendationId && l.MeasureId == mid, ct));
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(PlanAudit.RecommendationLinked, TargetType: PlanAudit.RecommendationTarget, TargetId: recommendationId,
                Relation: RoleCatalog.Coordinator));
        }, ct);
        return [];
    }

    /// <summary>Measures the Coordinator may link (code and title), for the recommendation form.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Code, string Title)>> MeasureChoicesAsync(CancellationToken ct = default) =>
        (await db.PlanMeasures.AsNoTracking().ToListAsync(ct)).OrderBy(m => m.Order).Select(m => (m.Id, m.Code, Pick(m.TitleAz, m.TitleRu, m.TitleEn))).ToList();

    /// <summary>Active institutions (for the Coordinator's assignment form).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> InstitutionChoicesAsync(CancellationToken ct = default) =>
        (await db.Institutions.AsNoTracking().Where(i => i.IsActive && i.Kind != InstitutionKind.PlatformAdministration && i.Kind != InstitutionKind.Oversight)
            .Select(i => new { i.Id, i.Name }).ToListAsync(ct)).OrderBy(i => i.Name, StringComparer.CurrentCulture).Select(i => (i.Id, i.Name)).ToList();

    /// <summary>
    /// The count of an indicator the system computes, for one calendar year of the deployment's calendar: referrals received,
    /// identifications as a victim, admissions to shelters, training completed. Counts only — no identifiers leave.
    /// </summary>
    public async Task<int> ComputeAsync(ComputedIndicator indicator, int year, CancellationToken ct = default)
    {
        var zone = uiTime.Local(time.GetUtcNow()).Offset; // the deployment's offset (Baku keeps no summer time)
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, zone).ToUniversalTime();
        var to = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, zone).ToUniversalTime();
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return indicator switch
        {
            ComputedIndicator.ReferralsReceived => await db.Referrals.CountAsync(r => r.ReceivedAt >= from && r.ReceivedAt < to, ct),
            // The decision in force only: one that a later decision superseded is not counted again.
            ComputedIndicator.VictimsIdentified => await db.IdentificationDecisions.CountAsync(d => d.Status == TraffickingStatus.Actual
                && d.DecidedOn >= first && d.DecidedOn <= last && !db.Set<IdentificationDecision>().Any(n => n.SupersedesId == d.Id), ct),
            ComputedIndicator.Placements => await db.Placements.CountAsync(p => p.AdmittedAt >= from && p.AdmittedAt < to, ct),
            ComputedIndicator.TrainingsCompleted => await db.Trainings.CountAsync(t => t.CompletedOn >= first && t.CompletedOn <= last, ct),
            _ => 0,
        };
    }

    private async Task<IReadOnlyList<Progress>> ActualsAsync(PlanMeasure m, int firstYear, CancellationToken ct)
    {
        if (m.Computed == ComputedIndicator.None)
            return (await db.IndicatorActuals.AsNoTracking().Where(a => a.MeasureId == m.Id).OrderBy(a => a.Year).ToListAsync(ct))
                .Select(a => new Progress(a.Year, a.Value, false, false, a.Note)).ToList();
        var list = new List<Progress>();
        for (var year = Math.Max(firstYear, Today.Year - YearsShown + 1); year <= Today.Year; year++)
            list.Add(Shown(year, await ComputeAsync(m.Computed, year, ct)));
        return list;
    }

    /// <summary>A computed count as shown: one or two is "fewer than 3" (no value), as every aggregate of the platform.</summary>
    public static Progress Shown(int year, int count) =>
        count is > 0 and < SmallCell ? new Progress(year, null, true, true, null) : new Progress(year, count, true, false, null);

    /// <summary>The latest actual of each measure (this year's computed count, or the last typed figure).</summary>
    private async Task<Dictionary<Guid, Progress>> LatestAsync(IReadOnlyList<PlanMeasure> measures, int firstYear, CancellationToken ct)
    {
        var ids = measures.Select(m => m.Id).ToList();
        var typed = (await db.IndicatorActuals.AsNoTracking().Where(a => ids.Contains(a.MeasureId)).ToListAsync(ct))
            .GroupBy(a => a.MeasureId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Year)!);
        var computed = new Dictionary<ComputedIndicator, int>();
        var result = new Dictionary<Guid, Progress>();
        foreach (var m in measures)
        {
            if (m.Computed != ComputedIndicator.None)
            {
                if (!computed.TryGetValue(m.Computed, out var count))
                    computed[m.Computed] = count = await ComputeAsync(m.Computed, Today.Year, ct);
                result[m.Id] = Shown(Today.Year, count);
            }
            else if (typed.TryGetValue(m.Id, out var a))
                result[m.Id] = new Progress(a.Year, a.Value, false, false, a.Note);
        }
        return result;
    }

    private async Task<IReadOnlyList<RecommendationRow>> RecommendationRowsAsync(IQueryable<Guid> ids, CancellationToken ct)
    {
        var recs = await db.Recommendations.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var recIds = recs.Select(r => r.Id).ToList();
        var links = await db.RecommendationMeasures.AsNoTracking().Where(l => recIds.Contains(l.RecommendationId))
            .Join(db.PlanMeasures, l => l.MeasureId, m => m.Id, (l, m) => new { l.RecommendationId, m.Id, m.Code, m.Status, m.Order })
            .ToListAsync(ct);
        return recs.OrderBy(r => r.Body).ThenByDescending(r => r.Year).ThenBy(r => r.Reference, StringComparer.Ordinal).Select(r =>
        {
            var mine = links.Where(l => l.RecommendationId == r.Id).OrderBy(l => l.Order).ToList();
            return new RecommendationRow(r.Id, r.Body, r.Reference, r.Year, r.Text, mine.Count, mine.Count(l => l.Status == MeasureStatus.Completed),
                mine.Count(l => l.Status is MeasureStatus.InProgress or MeasureStatus.Delayed), [.. mine.Select(l => (l.Id, l.Code))]);
        }).ToList();
    }

    /// <summary>The measure when the standing may report on it (the Coordinator, or a lead of the responsible institution); else audited and null.</summary>
    private async Task<PlanMeasure?> ReportableAsync(Viewer viewer, Standing s, Guid id, CancellationToken ct)
    {
        var m = await Visible(s).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is not null && (s.Coordinator || s.Reporter && m.ResponsibleInstitutionId == s.InstitutionId))
            return m;
        await DeniedAsync(viewer, id, ct);
        return null;
    }

    private Task<ActionPlan> PlanOfAsync(PlanMeasure m, CancellationToken ct) =>
        db.PlanObjectives.AsNoTracking().Where(o => o.Id == m.ObjectiveId).Join(db.ActionPlans, o => o.PlanId, p => p.Id, (o, p) => p).FirstAsync(ct);

    private async Task<Dictionary<Guid, string>> InstitutionNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Institutions.AsNoTracking().Where(i => list.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
    }

    private static string RelationOf(Standing s) => s.Coordinator ? RoleCatalog.Coordinator : "ResponsibleInstitution";

    private Task DeniedAsync(Viewer viewer, Guid? id, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(PlanAudit.Denied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, PlanAudit.Measure, id), ct);
}
