using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// The National Coordinator's dashboard: how the referral mechanism is keeping its deadlines. Counts
/// only — no names, no case or referral numbers, no institutions' individual cases. The count of unique
/// people is the latest daily snapshot, never computed on demand; each read is audited with the snapshot's id.
/// </summary>
[Authorize(Policy = Policies.Mfa, Roles = RoleCatalog.Coordinator + "," + RoleCatalog.Analyst)]
public sealed class FiguresModel(CoordinatorFigures figures, NationalCount national) : PageModel
{
    public CoordinatorFigures.Figures Figures { get; private set; } = null!;
    public NationalCount.Result? Count { get; private set; }

    public async Task OnGetAsync()
    {
        Figures = await figures.ReadAsync();
        Count = (await national.LatestAsync(Platform.Access.Viewer.Of(User), HttpContext.RequestAborted))?.Result;
    }
}
