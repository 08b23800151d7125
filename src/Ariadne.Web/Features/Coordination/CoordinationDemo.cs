using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// The Coordinator's demo: the national count's first snapshot, and the 2004 action plan imported from the file that ships
/// with the system, with deadlines, a few evidence-backed status changes, typed actuals, and two recommendations
/// (invented wording, marked "Demo") linked to the measures that answer them. The ministry has one measure overdue and one
/// due this month, for its home card.
/// </summary>
public sealed class CoordinationDemo(NationalCount nationalCount, PlanImport import, ActionPlans plans, UserManager<AriadneUser> users, UiTime uiTime) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await nationalCount.SnapshotAsync(cancellationToken);
        var (plan, errors) = import.Parse(PlanImport.Seed());
        if (plan is null)
            throw new InvalidOperationException("The shipped action plan does not import: " + string.Join("; ", errors));
        await import.SaveAsync(null, plan, cancellationToken);

        var coordinatorUser = await users.FindByNameAsync("coordinator") ?? throw new InvalidOperationException("demo coordinator missing");
        var ministryUser = await users.FindByNameAsync("ministry") ?? throw new InvalidOperationException("demo ministry missing");
        var coordinator = new Viewer(coordinatorUser.Id, coordinatorUser.InstitutionId, []);
        var ministry = new Viewer(ministryUser.Id, ministryUser.InstitutionId, []);
        string[] coordinatorRoles = [RoleCatalog.Coordinator];
        string[] ministryRoles = [RoleCatalog.ExecutiveOfficer];
        var today = uiTime.Today;
        var measures = (await plans.MeasureChoicesAsync(cancellationToken)).ToDictionary(m => m.Code, m => m.Id);

        async Task Assign(string code, DateOnly? deadline, string? budget, decimal? target = null)
        {
            var view = await plans.ReadAsync(coordinator, coordinatorRoles, measures[code], cancellationToken) ?? throw new InvalidOperationException(code);
            await Check(plans.EditAsync(coordinator, coordinatorRoles, view.Id, new()
            {
                ResponsibleInstitutionId = view.ResponsibleInstitutionId,
                Partners = [.. view.Partners.Select(p => p.Id)],
                Deadline = deadline,
                BudgetLine = budget,
                Baseline = view.Baseline,
                Target = target ?? view.Target,
                Computed = view.Computed,
            }, cancellationToken));
        }

        async Task Status(Viewer who, string[] roles, string code, MeasureStatus to, DateOnly on, string evidence, string? reference = null)
        {
            var view = await plans.ReadAsync(who, roles, measures[code], cancellationToken) ?? throw new InvalidOperationException(code);
            await Check(plans.ChangeStatusAsync(who, roles, view.Id, new() { To = to, On = on, Evidence = evidence, Reference = reference, Version = view.Version }, cancellationToken));
        }

        await Status(coordinator, coordinatorRoles, "2.3", MeasureStatus.InProgress, new DateOnly(2004, 9, 1), "Demo: qanun layihəsi rəy üçün Nazirlər Kabinetinə göndərildi.");
        await Status(coordinator, coordinatorRoles, "2.3", MeasureStatus.Completed, new DateOnly(2005, 6, 28), "Demo: İnsan alverinə qarşı mübarizə haqqında qanun Milli Məclis tərəfindən qəbul edildi.", "Demo: 28 iyun 2005-ci il tarixli qanun");
        await Status(coordinator, coordinatorRoles, "5.1", MeasureStatus.Completed, new DateOnly(2006, 1, 1), "Demo: İdarə Daxili İşlər Nazirliyinin baş idarəsi kimi fəaliyyət göstərir.");
        await Status(coordinator, coordinatorRoles, "6.3", MeasureStatus.Completed, new DateOnly(2006, 3, 1), "Demo: 152 qaynar xətti gecə-gündüz cavab verir; növbə cədvəli hər saatı əhatə edir.", "Demo: 2026-cı il növbə cədvəli");
        await Assign("4.2", new DateOnly(today.Year, 12, 31), "Demo: MK-2026-03", 4);
        await Status(coordinator, coordinatorRoles, "4.2", MeasureStatus.InProgress, today.AddDays(-40), "Demo: ilin dörd görüşündən ikisi keçirilib; protokolları aparat saxlayır.");
        await Check(plans.RecordActualAsync(coordinator, coordinatorRoles, measures["4.2"], new() { Year = today.Year, Value = 2, Note = "Demo: indiyədək keçirilmiş görüşlər" }, cancellationToken));
        await Check(plans.RecordActualAsync(coordinator, coordinatorRoles, measures["6.3"], new() { Year = today.Year, Value = 168, Note = "Demo: növbə cədvəlindən" }, cancellationToken));

        // The ministry (an executive body) answers for 2.2 (overdue) and 4.4 is the office's, due this month.
        await Assign("2.2", today.AddDays(-20), "Demo: ƏƏSMN-2026-11");
        await Status(ministry, ministryRoles, "2.2", MeasureStatus.InProgress, today.AddDays(-90), "Demo: zərərçəkmiş şəxslərin hüquqları haqqında qaydaların layihəsi nazirliyin hüquq şöbəsindədir.");
        await Status(ministry, ministryRoles, "2.2", MeasureStatus.Delayed, today.AddDays(-10), "Demo: nazirliklərarası baxış dəyişikliklər istədi; yeni layihə gələn ay gözlənilir.");
        await Assign("2.1", today.AddDays(25), "Demo: ƏƏSMN-2026-04");
        await Assign("4.4", new DateOnly(today.Year + 1, 3, 31), "Demo: MK-2027-01", 1);

        await Check(plans.AddRecommendationAsync(coordinator, coordinatorRoles, new()
        {
            Body = RecommendationBody.Greta,
            Reference = "Demo: GRETA second round, para. 1",
            Year = 2018,
            Text = "Demo: develop a comprehensive statistical system covering presumed and identified victims from all actors, NGOs included, and investigations, prosecutions and court decisions, with personal data protected.",
            Measures = [measures["3.1"], measures["4.4"], measures["5.3"]],
        }, cancellationToken));
        await Check(plans.AddRecommendationAsync(coordinator, coordinatorRoles, new()
        {
            Body = RecommendationBody.UsTip,
            Reference = "Demo: TIP 2025, prioritized recommendation 1",
            Year = 2025,
            Text = "Demo: report law enforcement statistics: investigations, prosecutions and convictions of traffickers.",
            Measures = [measures["3a.1"], measures["4.4"]],
        }, cancellationToken));
    }

    private static async Task Check(Task<Dictionary<string, string[]>?> call)
    {
        var errors = await call;
        if (errors is null || errors.Count > 0)
            throw new InvalidOperationException("Demo plan step refused: " + (errors is null ? "not found" : string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value)))));
    }
}
