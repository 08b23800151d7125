using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Observation;

/// <summary>The progress report for the Coordinator's office: problems by category × status, responses per institution; CSV export.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ProgressModel(Problems problems) : PageModel
{
    public Problems.ProgressReport Report { get; private set; } = null!;

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await problems.ProgressAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted) is not { } report)
            return NotFound();
        Report = report;
        return Page();
    }

    /// <summary>The same figures as CSV (a POST: the export is audited).</summary>
    public async Task<IActionResult> OnPostCsvAsync()
    {
        if (await problems.ProgressCsvAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted) is not { } csv)
            return NotFound();
        return File(csv, "text/csv; charset=utf-8", "problems-progress.csv");
    }
}
