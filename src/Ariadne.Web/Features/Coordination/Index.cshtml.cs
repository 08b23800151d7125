using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// The Coordination page: the participants' shared work (the national figures, the action plan, and what the other
/// modules place in <see cref="NavigationArea.Coordination"/>), one card per page this person may open. Someone with
/// none of them is refused, as the main navigation does not offer the page to them.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(ModuleCatalog modules) : PageModel
{
    public IReadOnlyList<NavigationEntry> Entries { get; private set; } = [];

    public IActionResult OnGet()
    {
        Entries = modules.NavigationFor(User, NavigationArea.Coordination);
        return Entries.Count == 0 ? Forbid() : Page();
    }
}
