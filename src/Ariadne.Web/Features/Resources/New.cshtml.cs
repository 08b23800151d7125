using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// States a need of the viewer's institution (the Coordinator may record one on an institution's behalf). The form carries a key
/// made when the page rendered: sent twice, it records once. Bad input is shown at the top and beside each field, nothing saved.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class NewModel(ResourceLedger ledger, BlindIndex index, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty] public ResourceLedger.NeedInput Need { get; set; } = new();
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }

    public ResourceLedger.Standing Standing { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        Need.Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        // A value the binder could not read (a word for an amount) is an error here, not a field left empty.
        if (!ModelState.IsValid)
            return Page();
        ModelState.Clear();
        var (id, errors) = await ledger.RecordNeedAsync(Viewer.Of(User), Roles, Need,
            IdempotentRequest.ForAddition(index, FormKey, nameof(Resources.Need), Guid.Empty, Need), HttpContext.RequestAborted);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Resources_NeedRecorded";
            return RedirectToPage("/Resources/Need", new { id });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Need." + field, message == text["Api_IdempotencyKeyReused"] ? text["Form_AlreadySent"] : message);
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Standing = await ledger.StandingAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted);
        if (!Standing.Participant)
            return false;
        if (Standing.Coordinator)
            Institutions = await ledger.InstitutionChoicesAsync(HttpContext.RequestAborted);
        return true;
    }
}
