using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Statistics;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// The statistics dashboard, aggregate only: the office sees the national figures of a period; a member of staff of an
/// institution with figures of its own (a shelter, a helpline, a Squad, a referrer) sees its own; every table protected as a
/// release is (threshold, cover, perturbation), with its chart and its table. Everyone sees the published releases.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(StatisticsReleases releases, UiTime time) : PageModel
{
    [BindProperty(SupportsGet = true)] public StatPeriodKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public StatPeriod Period { get; private set; } = null!;
    public bool National { get; private set; }
    public bool Office { get; private set; }
    public IReadOnlyList<ReleasedTable> Tables { get; private set; } = [];
    public IReadOnlyList<StatRelease> Published { get; private set; } = [];
    public int LatestYear => time.Today.Year;

    public async Task<IActionResult> OnGetAsync()
    {
        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var viewer = Viewer.Of(User);
        var s = await releases.StandingAsync(viewer, roles, HttpContext.RequestAborted);
        if (!s.Staff)
            return NotFound();
        Office = s.Office;
        // A period out of range reads as the current year: the form shows which period is shown.
        var kind = Kind is { } k && Enum.IsDefined(k) ? k : StatPeriodKind.Calendar;
        var year = Year is { } y && y >= StatisticsReleases.FirstYear && y <= LatestYear ? y : LatestYear;
        (Kind, Year) = (kind, year);
        Period = new StatPeriod(kind, year);
        if (await releases.DashboardAsync(viewer, roles, Period, HttpContext.RequestAborted) is { } dashboard)
            (Tables, National) = dashboard;
        Published = [.. (await releases.ListAsync(viewer, roles, HttpContext.RequestAborted)).Where(r => r.Status == ReleaseStatus.Published).Take(10)];
        return Page();
    }
}
