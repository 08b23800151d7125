using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Investigation;

/// <summary>"Connection exists — ask the owner": the requests asked of the viewer (to decide) and the ones they asked.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ConnectionsModel(LinkAnalysis links) : PageModel
{
    [BindProperty] public Guid RequestId { get; set; }
    [BindProperty] public LinkAnalysis.DecideInput Decide { get; set; } = new();

    public IReadOnlyList<LinkAnalysis.RequestRow> Incoming { get; private set; } = [];
    public IReadOnlyList<LinkAnalysis.RequestRow> Outgoing { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var errors = await links.DecideAsync(Viewer.Of(User), RequestId, Decide);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Connection_Decided";
            return RedirectToPage();
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Decide." + field, message);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => (Incoming, Outgoing) = await links.RequestsAsync(Viewer.Of(User));
}
