using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Oversight;

/// <summary>Oversight's queue of break-glass openings, each to be closed as justified or not, and of self-assignments.</summary>
[Authorize(Policy = Policies.Mfa, Roles = RoleCatalog.Auditor)]
public sealed class ReviewsModel(BreakGlassService breakGlass, GrantService grants) : PageModel
{
    public IReadOnlyList<BreakGlassService.ReviewRow> Queue { get; private set; } = [];

    /// <summary>Chiefs who assigned themselves as investigator because their Squad had no other chief.</summary>
    public IReadOnlyList<GrantService.SelfAssignmentRow> SelfAssignments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Queue = await breakGlass.QueueAsync();
        SelfAssignments = await grants.SelfAssignmentsAsync();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, bool justified)
    {
        var viewer = Viewer.Of(User);
        if (!await breakGlass.ReviewAsync(viewer.UserId, viewer.InstitutionId, id, justified))
            return NotFound();
        TempData["Notice"] = "Review_Closed";
        return RedirectToPage();
    }
}
