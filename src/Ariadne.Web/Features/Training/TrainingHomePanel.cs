using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Security;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// The holder's "refresher due" card: their certificates that expire within the refresher window (or have expired), each with
/// the next planned session of the same course or topic to enrol in (<see cref="Trainings.RefresherDueAsync"/>).
/// </summary>
public sealed class TrainingHomePanel(Trainings trainings) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.UserId() is not { } id)
            return null;
        var rows = await trainings.RefresherDueAsync(id, ct);
        if (rows.Count == 0)
            return null;
        var items = rows.Take(HomePanelView.MaxItems).Select(r => new HomePanelItem(r.Next is { } next
                ? new HomeText("Tr_HomeLineNext", r.Course, r.Number, Platform.Ui.UiTime.FormatDay(r.ExpiresOn), next.CourseTitle, Platform.Ui.UiTime.FormatDay(next.StartsOn))
                : new HomeText("Tr_HomeLine", r.Course, r.Number, Platform.Ui.UiTime.FormatDay(r.ExpiresOn)))
        {
            Page = r.Next is null ? "/Training/Certificates" : "/Training/Session",
            RouteId = r.Next?.Id,
            Tag = new HomeText(r.Expired ? "Tr_Expired" : "Tr_RefresherDue"),
        }).ToList();
        return new HomePanelView("Home_Training", items, "training", 65)
        {
            Count = rows.Count,
            CountKey = "Home_TrainingCount",
            Alert = rows.Any(r => r.Expired),
            SeeAll = new HomeLink("/Training/Certificates", "Home_TrainingSeeAll"),
        };
    }
}
