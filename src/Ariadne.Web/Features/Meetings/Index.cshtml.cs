using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Meetings;

/// <summary>The meetings the viewer may see (upcoming, then past) and the open action items they follow, overdue first.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(CoordinationMeetings meetings) : PageModel
{
    public CoordinationMeetings.Lists Lists { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!MeetingsModule.Participant(User))
            return NotFound();
        Lists = await meetings.ListAsync(Viewer.Of(User), User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), HttpContext.RequestAborted);
        return Page();
    }
}
