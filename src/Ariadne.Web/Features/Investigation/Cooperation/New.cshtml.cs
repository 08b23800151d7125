using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Investigation.Cooperation;

/// <summary>The Squad drafts a request to foreign law enforcement on a file it keeps or supervises; items are added on the request's page.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class NewModel(CooperationRequests requests) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid FileId { get; set; }
    [BindProperty] public CooperationRequests.DraftInput Draft { get; set; } = new();

    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await requests.MayDraftAsync(Viewer.Of(User), FileId) is not true)
            return NotFound();
        Partners = await requests.PartnersAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        Draft.Items = [];
        var (id, errors) = await requests.CreateAsync(Viewer.Of(User), FileId, Draft);
        if (errors is null)
            return NotFound();
        if (id is { } created)
        {
            TempData["Notice"] = "Cooperation_Drafted";
            return RedirectToPage("/Investigation/Cooperation/Request", new { id = created });
        }
        if (errors.ContainsKey(""))
            return NotFound();
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError("Draft." + field, message);
        Partners = await requests.PartnersAsync();
        return Page();
    }
}
