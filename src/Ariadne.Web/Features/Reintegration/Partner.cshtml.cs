using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>The partner's repatriations: the minimal travel view of each person shared with its institution with consent.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class PartnerModel(ReintegrationService reintegration) : PageModel
{
    public IReadOnlyList<ReintegrationService.PartnerRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await reintegration.PartnerViewAsync(Viewer.Of(User)) is not { } rows)
            return NotFound();
        Rows = rows;
        return Page();
    }
}
