using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// One evidence item: its hash, its signed timestamp, its chain of custody (checked as shown), the custody form and the watermarked
/// download. The custody form carries a key made when the page rendered: sent twice, it records one event.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
[RequireRecentAuthentication("Download")]
public sealed class EvidenceModel(EvidenceLocker locker, BlindIndex index, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The key of the custody form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }
    [BindProperty] public EvidenceLocker.CustodyInput Custody { get; set; } = new();

    public EvidenceLocker.ItemView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostCustodyAsync()
    {
        ModelState.Clear();
        var errors = await locker.RecordCustodyAsync(Viewer.Of(User), Id, Custody,
            IdempotentRequest.ForAddition(index, FormKey, nameof(CustodyEvent), Id, Custody));
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Custody_Saved";
            return RedirectToPage(new { id = Id });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Custody." + field, message == text["Api_IdempotencyKeyReused"] ? text["Form_AlreadySent"] : message);
        return await LoadAsync() ? Page() : NotFound();
    }

    /// <summary>The download: a POST (it writes a custody event), answered with the watermarked file as an attachment.</summary>
    public async Task<IActionResult> OnPostDownloadAsync()
    {
        var (outcome, served) = await locker.DownloadAsync(Viewer.Of(User), Id);
        switch (outcome)
        {
            case EvidenceLocker.DownloadOutcome.Served:
                return File(served!.Content, served.ContentType, served.FileName);
            case EvidenceLocker.DownloadOutcome.Tampered or EvidenceLocker.DownloadOutcome.NotAllowed:
                ModelState.AddModelError("", text[outcome == EvidenceLocker.DownloadOutcome.Tampered ? "Evidence_Tampered" : "Custody_NotAllowed"]);
                return await LoadAsync() ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync()
    {
        if (await locker.ReadAsync(Viewer.Of(User), Id) is not { } view)
            return false;
        View = view;
        return true;
    }
}
