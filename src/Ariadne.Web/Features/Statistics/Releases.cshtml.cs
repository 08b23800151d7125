using System.Security.Claims;
using Ariadne.Web.Features.Statistics.Output;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// The releases, for the office: every release with its status, and the form that drafts one (the facts rebuilt, the tables
/// counted and protected, the register consulted). A refusal by the register names each cell it holds back.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ReleasesModel(StatisticsReleases releases, StatLabels labels, Platform.Ui.UiTime time, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty] public StatisticsReleases.DraftInput Input { get; set; } = new();
    /// <summary>The key of the form sent: sent twice, it drafts once.</summary>
    [BindProperty] public string? FormKey { get; set; }

    public IReadOnlyList<StatRelease> All { get; private set; } = [];
    public IReadOnlyList<string> Conflicts { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private async Task<bool> LoadAsync()
    {
        var s = await releases.StandingAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted);
        if (!s.Office)
            return false;
        All = await releases.ListAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted);
        return true;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        Input.Year = time.Today.Year - 1; // the year just ended: the usual release
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var (id, errors, conflicts) = await releases.DraftAsync(Viewer.Of(User), Roles, Input, FormKey, ct: HttpContext.RequestAborted);
        if (errors is null)
            return NotFound();
        if (id is { } created)
        {
            TempData["Notice"] = "Stat_Drafted";
            return RedirectToPage("/Statistics/Release", new { id = created });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Input." + field, message == text["Api_IdempotencyKeyReused"] ? text["Form_AlreadySent"] : message);
        var lang = StatLabels.Checked(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is "ru" or "en" ? System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : "az");
        var tables = releases.Tables.ToDictionary(t => t.Code);
        Conflicts = [.. conflicts.Select(c => text["Stat_Conflict", labels.Text(lang, c.TitleKey),
            labels.Code(tables[c.TableCode].Rows, c.Row, lang), labels.Code(tables[c.TableCode].Columns, c.Column, lang), c.ReleaseNumber].Value)];
        foreach (var conflict in Conflicts)
            ModelState.AddModelError("Input." + nameof(StatisticsReleases.DraftInput.CarryForward), conflict);
        return await LoadAsync() ? Page() : NotFound();
    }
}
