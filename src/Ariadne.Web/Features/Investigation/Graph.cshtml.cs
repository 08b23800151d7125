using System.Text;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The link chart of a file: server-rendered SVG and its table, within need-to-know; "ask the owner" for connections into
/// what the viewer may not see; the FollowTheMoney export on a recorded legal basis.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
[RequireRecentAuthentication("Export")]
public sealed class GraphModel(LinkAnalysis links) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int Depth { get; set; } = 2;
    [BindProperty] public LinkAnalysis.AskInput Ask { get; set; } = new();
    [BindProperty] public LinkAnalysis.ExportInput Export { get; set; } = new();

    public LinkAnalysis.Graph View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAskAsync()
    {
        ModelState.Clear();
        var errors = await links.AskOwnerAsync(Viewer.Of(User), Ask);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Connection_Asked";
            return RedirectToPage(new { id = Id, depth = Depth });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Ask." + field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostExportAsync()
    {
        ModelState.Clear();
        var (json, errors) = await links.ExportAsync(Viewer.Of(User), Id, Export);
        if (errors is null)
            return NotFound();
        if (json is not null)
            return File(Encoding.UTF8.GetBytes(json), "application/x-ndjson", $"ftm-{Id:N}.jsonl");
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Export." + field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await links.GraphAsync(Viewer.Of(User), Id, Depth) is not { } view)
            return false;
        View = view;
        Depth = view.Depth;
        return true;
    }
}
