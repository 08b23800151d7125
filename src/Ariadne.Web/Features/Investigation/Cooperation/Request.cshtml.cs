using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Investigation.Cooperation;

/// <summary>
/// One request to foreign law enforcement: its items and timeline, and the step the viewer may take now — the Squad adds
/// and removes items and submits; the National Coordinator returns or sends; either records a reminder or a reply. The forms adding
/// an item carry a key made when the page rendered: sent twice, they add one item.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class RequestModel(CooperationRequests requests, BlindIndex index, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The key of the item form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }
    [BindProperty] public CooperationRequests.DraftInput Draft { get; set; } = new();
    [BindProperty] public CooperationRequests.ItemInput Item { get; set; } = new();
    [BindProperty] public Guid ItemId { get; set; }
    [BindProperty] public CooperationRequests.ReturnInput Return { get; set; } = new();
    [BindProperty] public CooperationRequests.SendInput Send { get; set; } = new();
    [BindProperty] public CooperationRequests.ReplyInput Reply { get; set; } = new();
    [BindProperty] public CooperationRequests.ReminderInput Reminder { get; set; } = new();

    public CooperationRequests.RequestView View { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostChangeAsync()
    {
        Draft.Items = [];
        return SaveAsync("Draft", v => requests.UpdateAsync(v, Id, Draft), "Cooperation_Changed");
    }

    public Task<IActionResult> OnPostItemAsync() =>
        SaveAsync("Item", v => requests.AddItemAsync(v, Id, Item, IdempotentRequest.ForAddition(index, FormKey, nameof(CooperationItem), Id, Item)), "Cooperation_ItemAdded");

    public Task<IActionResult> OnPostRemoveAsync() => SaveAsync("Item", v => requests.RemoveItemAsync(v, Id, ItemId), "Cooperation_ItemRemoved");

    public Task<IActionResult> OnPostSubmitAsync() => SaveAsync("Submit", v => requests.SubmitAsync(v, Id), "Cooperation_SubmittedNotice");

    public Task<IActionResult> OnPostReturnAsync() => SaveAsync("Return", v => requests.ReturnAsync(v, Roles, Id, Return), "Cooperation_ReturnedNotice");

    public Task<IActionResult> OnPostSendAsync() => SaveAsync("Send", v => requests.SendAsync(v, Roles, Id, Send), "Cooperation_SentNotice");

    public Task<IActionResult> OnPostReplyAsync() => SaveAsync("Reply", v => requests.RecordReplyAsync(v, Roles, Id, Reply), "Cooperation_ReplyNotice");

    public Task<IActionResult> OnPostReminderAsync() => SaveAsync("Reminder", v => requests.RemindAsync(v, Roles, Id, Reminder), "Cooperation_ReminderNotice");

    public Task<IActionResult> OnPostCloseAsync() => SaveAsync("Close", v => requests.CloseAsync(v, Id), "Cooperation_ClosedNotice");

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

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
        if (await requests.ReadAsync(Viewer.Of(User), Roles, Id) is not { } view)
            return false;
        View = view;
        if (view.Editable)
        {
            Partners = await requests.PartnersAsync();
            // The form starts from the request as it stands, unless it comes back with errors.
            if (!ModelState.Keys.Any(k => k.StartsWith("Draft.", StringComparison.Ordinal)))
                Draft = new()
                {
                    Country = view.Country,
                    Authority = view.Authority,
                    PartnerInstitutionId = view.PartnerInstitutionId,
                    Channel = view.Channel,
                    Assistance = view.Assistance,
                    Urgency = view.Urgency,
                    Purpose = view.Purpose,
                    Deadline = view.Deadline,
                };
        }
        return true;
    }
}
