using System.Globalization;
using System.Security.Claims;
using Ariadne.Linkage;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// "Who does what where" (OCHA's 3W): per region, category, donor and implementing institution, the amounts pledged, committed and
/// disbursed, filterable, and the same table as CSV (formula-safe, <see cref="CsvWriter"/>).
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class WhoModel(ResourceLedger ledger, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Region? Region { get; set; }
    [BindProperty(SupportsGet = true)] public NeedCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? DonorId { get; set; }

    public IReadOnlyList<ResourceLedger.WhoRow> Rows { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Donors { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ledger.WhoWhatWhereAsync(Viewer.Of(User), Roles, Region, Category, DonorId, HttpContext.RequestAborted) is not { } rows)
            return NotFound();
        Rows = rows;
        Donors = await ledger.DonorChoicesAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (await ledger.WhoWhatWhereAsync(Viewer.Of(User), Roles, Region, Category, DonorId, HttpContext.RequestAborted) is not { } rows)
            return NotFound();
        static string N(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var csv = CsvWriter.ToBytes(
            [text["Resources_Region"], text["Resources_Category"], text["Resources_Donor"], text["Resources_Implementing"], text["Resources_NeedsCount"],
                text["Resources_Pledged"], text["Resources_Committed"], text["Resources_Disbursed"], text["Resources_Currency"]],
            rows.Select(r => new string?[]
            {
                text["Region_" + r.Region], text["NeedCategory_" + r.Category], r.Donor, r.Institution, r.Needs.ToString(CultureInfo.InvariantCulture),
                N(r.Pledged), N(r.Committed), N(r.Disbursed), r.Currency.ToString(),
            }));
        return File(csv, "text/csv; charset=utf-8", "who-does-what-where.csv");
    }
}
