using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The helpline's aggregate statistics for a period (the last 30 days by default), small cells suppressed.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class StatisticsModel(HelplineStatistics statistics) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public HelplineStatistics.Report Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (await statistics.ReportAsync(Viewer.Of(User), roles, From, To) is not { } report)
            return Forbid();
        Report = report;
        (From, To) = (report.From, report.To);
        ModelState.Clear();
        return Page();
    }
}
