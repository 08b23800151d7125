using System.Security.Claims;
using System.Text;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// IATI Activity XML 2.03: the Coordinator's office downloads the activities file; the Coordinator uploads one (up to the size
/// limit), sees every problem by line and element with nothing saved, or what was added (the same file again adds nothing).
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IatiModel(ResourceLedger ledger, IatiExchange iati, IOptions<ResourcesOptions> options, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public bool Coordinator { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public IatiExchange.Result? Imported { get; private set; }
    public int LimitKb => options.Value.MaxImportBytes / 1024;

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (await iati.ExportAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted) is not { } doc)
            return NotFound();
        return File(Encoding.UTF8.GetBytes(doc.Declaration + "\n" + doc.Root), "application/xml", "iati-activities.xml");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync() || !Coordinator)
            return NotFound();
        ModelState.Clear();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), text["Iati_FileRequired"]);
            return Page();
        }
        if (Upload.Length > options.Value.MaxImportBytes)
        {
            ModelState.AddModelError(nameof(Upload), text["Iati_TooLarge", LimitKb]);
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        var (result, errors) = await iati.ImportAsync(Viewer.Of(User), Roles, stream, HttpContext.RequestAborted);
        if (result is null && errors is null)
            return NotFound();
        if (result is null)
        {
            Problems = errors!;
            ModelState.AddModelError(nameof(Upload), text["Iati_Refused", errors!.Count]);
            return Page();
        }
        Imported = result;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var s = await ledger.StandingAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted);
        Coordinator = s.Coordinator;
        return s.SeesAll;
    }
}
