using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>
/// Files a request for information. The form offers only the classes the viewer's roles could ever hold; it carries a key made when
/// the page rendered, so that sent twice it files once. Whatever the reference, the answer is "request received".
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class NewModel(InformationRequests requests, BlindIndex index, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty] public InformationRequests.NewInput Input { get; set; } = new();
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }

    public IReadOnlyList<Platform.Access.DataClass> Offered { get; private set; } = [];
    public int MaxDays => requests.MaxDays;

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        Input.Classes = [.. Offered.Take(1)]; // Status, always part of a request
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var keyed = IdempotentRequest.ForAddition(index, FormKey, nameof(InformationRequest), Guid.Empty, Input);
        var (id, errors) = await requests.SubmitAsync(Viewer.Of(User), Roles, Input, keyed, HttpContext.RequestAborted);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0 && id is { } created)
        {
            TempData["Notice"] = "Info_Received";
            return RedirectToPage("/InformationRequests/Request", new { id = created });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Input." + field, message == text["Api_IdempotencyKeyReused"] ? text["Form_AlreadySent"] : message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var s = await requests.StandingAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted);
        Offered = InformationRequests.Split(s.Ceiling);
        return s.Requester;
    }
}
