using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Investigation;

/// <summary>The criminal files the viewer may see, and (for the Squad's investigators) the form that opens one.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(CriminalFiles files) : PageModel
{
    [BindProperty] public CriminalFiles.OpenInput Open { get; set; } = new();

    public IReadOnlyList<CriminalFiles.Row> Rows { get; private set; } = [];
    public bool MayOpen { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var (id, errors) = await files.OpenAsync(Viewer.Of(User), Roles, Open);
        if (id is { } opened)
        {
            TempData["Notice"] = "File_Opened";
            return RedirectToPage("/Investigation/File", new { id = opened });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Open." + field, message);
        await LoadAsync();
        return Page();
    }

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private async Task LoadAsync()
    {
        Rows = await files.ListAsync(Viewer.Of(User));
        MayOpen = CriminalFiles.MayOpen(Roles);
    }
}
