using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Observation;

/// <summary>
/// Two problems (invented, marked "Demo"): one reported anonymously by the shelter and routed to the ministry, whose response is
/// overdue (for its home card and the Coordinator's); one reported by the helpline's supervisor, answered by the police and
/// closed as resolved by the Coordinator.
/// </summary>
public sealed class ObservationDemo(Problems problems, AriadneDbContext db, UserManager<AriadneUser> users, UiTime uiTime) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        async Task<(Viewer Viewer, string[] Roles)> Who(string name, string role)
        {
            var u = await users.FindByNameAsync(name) ?? throw new InvalidOperationException("demo user missing: " + name);
            return (new Viewer(u.Id, u.InstitutionId, []), [role]);
        }
        var coordinator = await Who("coordinator", RoleCatalog.Coordinator);
        var shelter = await Who("shelter", RoleCatalog.ShelterManager);
        var ministry = await Who("ministry", RoleCatalog.ExecutiveOfficer);
        var helpline = await Who("helpline.supervisor", RoleCatalog.HelplineSupervisor);
        var police = await Who("police", RoleCatalog.LawEnforcementOfficer);
        var today = uiTime.Today;

        var (first, errors) = await problems.ReportAsync(shelter.Viewer, shelter.Roles, new()
        {
            Category = ProblemCategory.VictimServices,
            Title = "Demo: sığınacaqdan çıxan şəxslər üçün sosial müavinət gecikir",
            Description = "Demo: sığınacağı tərk edən zərərçəkmiş şəxslərə birdəfəlik müavinətin ödənilməsi iki-üç ay çəkir; bu müddətdə onların yaşayış xərcləri qarşılanmır.",
            Region = Region.Baku,
            Institutions = [ministry.Viewer.InstitutionId],
            Anonymous = true,
        }, null, cancellationToken);
        Check(errors);
        Check(await problems.RouteAsync(coordinator.Viewer, coordinator.Roles, first!.Value, new()
        {
            InstitutionId = ministry.Viewer.InstitutionId,
            Ask = "Demo: müavinətin ödənilmə qaydasını nəzərdən keçirin və müddəti qısaltmaq üçün təkliflərinizi bildirin.",
            Deadline = today,
        }, null, cancellationToken));
        // The demo's one shortcut: the ask was made three weeks ago, due a week ago (a route's deadline cannot be set in the past).
        var route = await db.ProblemRoutes.FirstAsync(r => r.ProblemId == first.Value, cancellationToken);
        route.Deadline = today.AddDays(-7);
        route.RoutedAt = route.RoutedAt.AddDays(-21);
        await db.SaveChangesAsync(cancellationToken);

        var (second, errors2) = await problems.ReportAsync(helpline.Viewer, helpline.Roles, new()
        {
            Category = ProblemCategory.Coordination,
            Title = "Demo: rayon polis şöbələri qaynar xəttin yönləndirmələrini gec qəbul edir",
            Description = "Demo: gecə saatlarında qaynar xəttin göndərdiyi məlumatları rayon şöbələrində qəbul edən növbətçi olmur; cavab səhərə qalır.",
            Region = Region.GanjaDashkasan,
        }, null, cancellationToken);
        Check(errors2);
        Check(await problems.RouteAsync(coordinator.Viewer, coordinator.Roles, second!.Value, new()
        {
            InstitutionId = police.Viewer.InstitutionId,
            Ask = "Demo: gecə növbəsində yönləndirmələri qəbul edən əlaqələndiricini təyin edin.",
            Deadline = today.AddDays(14),
        }, null, cancellationToken));
        Check(await problems.RespondAsync(police.Viewer, police.Roles, second.Value, new()
        {
            Status = RouteStatus.Resolved,
            Text = "Demo: hər rayon şöbəsində gecə növbətçisi təyin edildi; siyahı qaynar xəttə göndərildi.",
        }, null, cancellationToken));
        Check(await problems.CloseAsync(coordinator.Viewer, coordinator.Roles, second.Value, new()
        {
            Closure = ProblemClosure.Resolved,
            Reason = "Demo: cavab qənaətbəxşdir; növbətçilər siyahısı qaynar xəttdədir.",
        }, cancellationToken));
    }

    private static void Check(Dictionary<string, string[]>? errors)
    {
        if (errors is null || errors.Count > 0)
            throw new InvalidOperationException("Demo problem step refused: " + (errors is null ? "not found" : string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value)))));
    }
}
