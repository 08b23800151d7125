using System.Text.Json;
using System.Text.Json.Serialization;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// Imports an action plan from its JSON form (the 2004 plan ships as <c>nap-2004.json</c>, in az, ru and en): every title
/// in the three languages, responsible and partner institutions named by kind (the first active institution of that kind
/// is assigned, and the Coordinator can change it). The whole file is checked first; one error and nothing is saved.
/// Importing the same plan again updates its texts and adds what is new, and never duplicates a measure, moves its
/// status or overrides an assignment the Coordinator made.
/// </summary>
public sealed class PlanImport(AriadneDbContext db, AuditedWrites writes, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    public const string SeedResource = "Ariadne.Web.Features.Coordination.nap-2004.json";
    public const int MaxBytes = 1_000_000;

    public sealed record Texts(string? Az, string? Ru, string? En);

    public sealed record MeasureDocument(string? Code, Texts? Title, string? Responsible, List<string>? Partners, Texts? Indicator, string? Computed,
        decimal? Baseline, decimal? Target, DateOnly? Deadline, string? BudgetLine);

    public sealed record ObjectiveDocument(string? Code, Texts? Title, List<MeasureDocument>? Measures);

    public sealed record PlanDocument(string? Code, Texts? Title, Texts? Source, int? FirstYear, List<ObjectiveDocument>? Objectives);

    public sealed record Result(string Code, int Objectives, int MeasuresAdded, int MeasuresUpdated);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };

    /// <summary>The 2004 plan as it ships with the system.</summary>
    public static string Seed()
    {
        using var stream = typeof(PlanImport).Assembly.GetManifestResourceStream(SeedResource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses and checks a plan file; errors name the place in the file ("objectives[2].measures[0].title.ru").</summary>
    public (PlanDocument? Plan, List<string> Errors) Parse(string json)
    {
        PlanDocument? plan;
        try
        {
            using (JsonDocument.Parse(json)) { }
        }
        catch (JsonException ex)
        {
            return (null, [text["PlanImport_NotJson", ex.LineNumber is { } line ? line + 1 : 0]]);
        }
        try
        {
            plan = JsonSerializer.Deserialize<PlanDocument>(json, Json);
        }
        catch (JsonException ex)
        {
            // Valid JSON, but a value of the wrong shape (a string where the three languages go): its place in the file.
            return (null, [text["PlanImport_Shape", ex.Path ?? "$", ex.LineNumber is { } line ? line + 1 : 0]]);
        }
        var errors = new List<string>();
        if (plan is null)
            return (null, [text["PlanImport_Empty"]]);
        Required(plan.Code, "code", 40);
        Titles(plan.Title, "title", 300);
        Titles(plan.Source, "source", 300);
        if (plan.FirstYear is not (>= 1990 and <= 2100))
            errors.Add(text["PlanImport_Year", "firstYear"]);
        if (plan.Objectives is not { Count: > 0 })
            errors.Add(text["PlanImport_Missing", "objectives"]);
        var objectiveCodes = new HashSet<string>(StringComparer.Ordinal);
        var measureCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (o, i) in (plan.Objectives ?? []).Select((o, i) => (o, i)))
        {
            var at = $"objectives[{i}]";
            if (o is null)
            {
                errors.Add(text["PlanImport_Missing", at]);
                continue;
            }
            if (Required(o.Code, at + ".code", 20) && !objectiveCodes.Add(o.Code!))
                errors.Add(text["PlanImport_Duplicate", at + ".code"]);
            Titles(o.Title, at + ".title", 300);
            if (o.Measures is not { Count: > 0 })
                errors.Add(text["PlanImport_Missing", at + ".measures"]);
            foreach (var (m, j) in (o.Measures ?? []).Select((m, j) => (m, j)))
            {
                var mat = $"{at}.measures[{j}]";
                if (m is null)
                {
                    errors.Add(text["PlanImport_Missing", mat]);
                    continue;
                }
                if (Required(m.Code, mat + ".code", 20) && !measureCodes.Add(m.Code!))
                    errors.Add(text["PlanImport_Duplicate", mat + ".code"]);
                Titles(m.Title, mat + ".title", 1000);
                Titles(m.Indicator, mat + ".indicator", 300);
                if (m.Responsible is not null && !Enum.TryParse<InstitutionKind>(m.Responsible, out _))
                    errors.Add(text["PlanImport_Kind", mat + ".responsible", m.Responsible.Length > 40 ? m.Responsible[..40] : m.Responsible]);
                foreach (var (p, k) in (m.Partners ?? []).Select((p, k) => (p, k)))
                    if (p is null || !Enum.TryParse<InstitutionKind>(p, out _))
                        errors.Add(text["PlanImport_Kind", $"{mat}.partners[{k}]", p is null ? "null" : p.Length > 40 ? p[..40] : p]);
                if (m.Computed is not null && (!Enum.TryParse<ComputedIndicator>(m.Computed, out var c) || !Enum.IsDefined(c)))
                    errors.Add(text["PlanImport_Computed", mat + ".computed"]);
                if (m.Baseline is < 0 or > 1_000_000_000m)
                    errors.Add(text["PlanImport_Number", mat + ".baseline"]);
                if (m.Target is < 0 or > 1_000_000_000m)
                    errors.Add(text["PlanImport_Number", mat + ".target"]);
                if (m.BudgetLine is { Length: > 100 })
                    errors.Add(text["PlanImport_TooLong", mat + ".budgetLine", 100]);
            }
        }
        return (errors.Count == 0 ? plan : null, errors);

        bool Required(string? value, string at, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(text["PlanImport_Missing", at]);
                return false;
            }
            if (value.Length > max)
            {
                errors.Add(text["PlanImport_TooLong", at, max]);
                return false;
            }
            return true;
        }

        void Titles(Texts? t, string at, int max)
        {
            if (t is null)
            {
                errors.Add(text["PlanImport_Missing", at]);
                return;
            }
            Required(t.Az, at + ".az", max);
            Required(t.Ru, at + ".ru", max);
            Required(t.En, at + ".en", max);
        }
    }

    /// <summary>Imports the plan (the Coordinator only; null when the viewer is not). Errors: nothing saved.</summary>
    public async Task<(Result? Result, List<string>? Errors)> ImportAsync(Viewer viewer, ActionPlans.Standing standing, string json, CancellationToken ct = default)
    {
        if (!standing.Coordinator)
            return (null, null);
        if (json.Length > MaxBytes)
            return (null, [text["PlanImport_TooBig", MaxBytes / 1000]]);
        var (plan, errors) = Parse(json);
        if (plan is null)
            return (null, errors);
        return (await SaveAsync(viewer, plan, ct), []);
    }

    /// <summary>Saves a checked plan (also used by the demo with no viewer).</summary>
    public async Task<Result> SaveAsync(Viewer? viewer, PlanDocument plan, CancellationToken ct = default)
    {
        var institutions = (await db.Institutions.AsNoTracking().Where(i => i.IsActive).Select(i => new { i.Id, i.Kind, i.Name }).ToListAsync(ct))
            .GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.OrderBy(i => i.Name, StringComparer.Ordinal).First().Id);
        Guid? Of(string? kind) => kind is not null && Enum.TryParse<InstitutionKind>(kind, out var k) && institutions.TryGetValue(k, out var id) ? id : null;
        return await writes.RunSerializedAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var row = await db.ActionPlans.FirstOrDefaultAsync(p => p.Code == plan.Code, ct);
            if (row is null)
                db.ActionPlans.Add(row = new ActionPlan { Code = plan.Code! });
            (row.TitleAz, row.TitleRu, row.TitleEn) = (plan.Title!.Az!.Trim(), plan.Title.Ru!.Trim(), plan.Title.En!.Trim());
            (row.SourceAz, row.SourceRu, row.SourceEn) = (plan.Source!.Az!.Trim(), plan.Source.Ru!.Trim(), plan.Source.En!.Trim());
            row.FirstYear = plan.FirstYear!.Value;
            row.ImportedAt = now;
            var objectives = await db.PlanObjectives.Where(o => o.PlanId == row.Id).ToListAsync(ct);
            var objectiveIds = objectives.Select(o => o.Id).ToList();
            var measures = await db.PlanMeasures.Where(m => objectiveIds.Contains(m.ObjectiveId)).ToListAsync(ct);
            int added = 0, updated = 0, order = 0;
            foreach (var (o, i) in plan.Objectives!.Select((o, i) => (o, i)))
            {
                var objective = objectives.FirstOrDefault(x => x.Code == o.Code);
                if (objective is null)
                    db.PlanObjectives.Add(objective = new PlanObjective { PlanId = row.Id, Code = o.Code! });
                objective.Order = i;
                (objective.TitleAz, objective.TitleRu, objective.TitleEn) = (o.Title!.Az!.Trim(), o.Title.Ru!.Trim(), o.Title.En!.Trim());
                foreach (var m in o.Measures!)
                {
                    var measure = measures.FirstOrDefault(x => x.ObjectiveId == objective.Id && x.Code == m.Code);
                    if (measure is null)
                    {
                        db.PlanMeasures.Add(measure = new PlanMeasure
                        {
                            ObjectiveId = objective.Id,
                            Code = m.Code!,
                            ResponsibleInstitutionId = Of(m.Responsible),
                            Deadline = m.Deadline,
                            BudgetLine = m.BudgetLine?.Trim(),
                            Baseline = m.Baseline,
                            Target = m.Target,
                            Computed = m.Computed is { } c ? Enum.Parse<ComputedIndicator>(c) : ComputedIndicator.None,
                        });
                        var responsible = measure.ResponsibleInstitutionId;
                        db.PlanMeasurePartners.AddRange((m.Partners ?? []).Select(Of).OfType<Guid>().Where(p => p != responsible).Distinct()
                            .Select(p => new PlanMeasurePartner { MeasureId = measure.Id, InstitutionId = p }));
                        added++;
                    }
                    else
                    {
                        // Texts follow the file; the Coordinator's assignments and the status stay as they are.
                        measure.ResponsibleInstitutionId ??= Of(m.Responsible);
                        updated++;
                    }
                    measure.Order = order++;
                    (measure.TitleAz, measure.TitleRu, measure.TitleEn) = (m.Title!.Az!.Trim(), m.Title.Ru!.Trim(), m.Title.En!.Trim());
                    (measure.IndicatorAz, measure.IndicatorRu, measure.IndicatorEn) = (m.Indicator!.Az!.Trim(), m.Indicator.Ru!.Trim(), m.Indicator.En!.Trim());
                    measure.UpdatedAt = now;
                }
            }
            await db.SaveChangesAsync(ct);
            var result = new Result(row.Code, plan.Objectives!.Count, added, updated);
            return new Audited<Result>(result, new AuditRecord(PlanAudit.Imported, TargetType: PlanAudit.Plan, TargetId: row.Id, Relation: RoleCatalog.Coordinator));
        }, ct);
    }
}
