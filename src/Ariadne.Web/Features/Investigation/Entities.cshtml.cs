using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// A file's entities and links: record them, see what may be the same, confirm or undo a merge. The forms recording an entity or a
/// link carry a key made when the page rendered: sent twice, they record once.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class EntitiesModel(LinkAnalysis links, CriminalFiles files, IOptions<GradingOptions> grading, BlindIndex index,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }
    [BindProperty] public LinkAnalysis.EntityInput Entity { get; set; } = new();
    [BindProperty] public LinkAnalysis.LinkInput Link { get; set; } = new();
    [BindProperty] public Guid KeptId { get; set; }
    [BindProperty] public Guid MergedId { get; set; }
    [BindProperty] public Guid MergeId { get; set; }

    public LinkAnalysis.FileEntities View { get; private set; } = null!;
    public IReadOnlyList<CriminalFiles.PartyView> Parties { get; private set; } = [];
    public GradingOptions Grading => grading.Value;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostEntityAsync() => SaveAsync("Entity", async v =>
        (await links.AddEntityAsync(v, Id, Entity, IdempotentRequest.ForAddition(index, FormKey, nameof(FileEntity), Id, Entity))).Errors, "Entity_Saved");

    public Task<IActionResult> OnPostLinkAsync() => SaveAsync("Link", async v =>
        (await links.AddLinkAsync(v, Id, Link, IdempotentRequest.ForAddition(index, FormKey, nameof(FileLink), Id, Link))).Errors, "Link_Saved");

    public Task<IActionResult> OnPostMergeAsync() => SaveAsync("Merge", v => links.MergeAsync(v, Id, KeptId, MergedId), "Merge_Confirmed");

    public Task<IActionResult> OnPostUndoAsync() => SaveAsync("Undo", v => links.UndoMergeAsync(v, Id, MergeId), "Merge_Undone");

    private async Task<IActionResult> SaveAsync(string prefix, Func<Viewer, Task<Dictionary<string, string[]>?>> action, string notice)
    {
        ModelState.Clear();
        var errors = await action(Viewer.Of(User));
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { id = Id });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : prefix + "." + field, message == text["Api_IdempotencyKeyReused"] ? text["Form_AlreadySent"] : message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await links.ReadAsync(Viewer.Of(User), Id) is not { } view)
            return false;
        View = view;
        if (LinkAnalysis.MayEdit(view.Rights))
            Parties = (await files.ReadAsync(Viewer.Of(User), Id))?.Parties ?? [];
        return true;
    }
}
