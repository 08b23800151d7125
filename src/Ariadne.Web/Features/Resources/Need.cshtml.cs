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
/// One need: what is asked, what is pledged, committed and disbursed against it, by whom; for the Coordinator the donors whose
/// areas match (with the reason) and the form that records a flow for it; for its institution (and the Coordinator) the withdrawal.
/// A need the viewer may not see is a 404, as one that does not exist.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class NeedModel(ResourceLedger ledger, BlindIndex index, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class FlowForm
    {
        public Guid? DonorId { get; set; }
        public FlowType? Type { get; set; }
        public decimal? Amount { get; set; }
        public Currency? Currency { get; set; }
        public DateOnly? On { get; set; }
        public string? Ref { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public FlowForm Flow { get; set; } = new();
    /// <summary>The key of the flow form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }

    public ResourceLedger.NeedView View { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Donors { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostFlowAsync()
    {
        if (!ModelState.IsValid)
            return await LoadAsync() ? Page() : NotFound();
        ModelState.Clear();
        var input = new ResourceLedger.FlowInput
        {
            DonorId = Flow.DonorId,
            Type = Flow.Type,
            Currency = Flow.Currency,
            On = Flow.On,
            Ref = Flow.Ref,
            Allocations = [new() { NeedId = Id, Amount = Flow.Amount }],
        };
        var (_, errors) = await ledger.RecordFlowAsync(Viewer.Of(User), Roles, input,
            IdempotentRequest.ForAddition(index, FormKey, nameof(ResourceFlow), Id, Flow), HttpContext.RequestAborted);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Resources_FlowRecorded";
            return RedirectToPage(new { id = Id });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field switch { "" => "", nameof(ResourceLedger.FlowInput.Allocations) => "Flow.Amount", _ => "Flow." + field },
                    message == text["Api_IdempotencyKeyReused"] ? text["Form_AlreadySent"] : message);
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        if (await ledger.WithdrawAsync(Viewer.Of(User), Roles, Id, HttpContext.RequestAborted) is null)
            return NotFound();
        TempData["Notice"] = "Resources_NeedWithdrawnNotice";
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync()
    {
        if (await ledger.ReadAsync(Viewer.Of(User), Roles, Id, HttpContext.RequestAborted) is not { } view)
            return false;
        View = view;
        if (view.MayRecordFlow)
            Donors = await ledger.DonorChoicesAsync(HttpContext.RequestAborted);
        return true;
    }
}
