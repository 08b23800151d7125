using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Participants;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Oversight;

/// <summary>Oversight's queue of break-glass openings, each to be closed as justified or not.</summary>
[Authorize(Policy = Policies.Mfa, Roles = RoleCatalog.Auditor)]
public sealed class ReviewsModel(BreakGlassService breakGlass) : PageModel
{
    public IReadOnlyList<BreakGlassService.ReviewRow> Queue { get; private set; } = [];

    public async Task OnGetAsync() => Queue = await breakGlass.QueueAsync();

    public async Task<IActionResult> OnPostAsync(Guid id, bool justified)
    {
        var viewer = Viewer.Of(User);
        if (!await breakGlass.ReviewAsync(viewer.UserId, viewer.InstitutionId, id, justified))
            return NotFound();
        TempData["Notice"] = "Review_Closed";
        return RedirectToPage();
    }
}
