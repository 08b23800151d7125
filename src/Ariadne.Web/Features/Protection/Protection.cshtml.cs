using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Protection;

/// <summary>Consent per purpose and recipient, onward referral, and the risk assessment of one case.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ProtectionModel(ProtectionService protection, ConsentService consents, OnwardService onward, RiskService risks, AriadneDbContext db, UiTime uiTime) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public ConsentService.ConsentInput Consent { get; set; } = new();
    [BindProperty] public OnwardService.OnwardInput Onward { get; set; } = new();
    [BindProperty] public RiskService.RiskInput Risk { get; set; } = new();

    public ProtectionService.State State { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name, string Kind)> Institutions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Consent.GivenOn = uiTime.Today;
        return await LoadAsync() ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostConsentAsync() => SaveAsync("Consent", v => consents.RecordConsentAsync(v, Id, Consent), "Consent_Saved");

    public Task<IActionResult> OnPostOnwardAsync() => SaveAsync("Onward", v => onward.SendAsync(v, Id, Onward), "Onward_Sent");

    public Task<IActionResult> OnPostRiskAsync() => SaveAsync("Risk", v => risks.AssessRiskAsync(v, Id, Risk), "Risk_Saved");

    /// <summary>A consent awaiting the officer's confirmation before it is withdrawn (the page asks once more).</summary>
    public Guid? ConfirmConsent { get; private set; }
    /// <summary>A pending onward referral awaiting confirmation before it is withdrawn.</summary>
    public Guid? ConfirmOnward { get; private set; }

    public async Task<IActionResult> OnPostWithdrawConsentAsync(Guid consentId, bool confirmed)
    {
        if (!confirmed)
        {
            // Withdrawing consent stops sharing at once: ask before doing it.
            if (!await LoadAsync())
                return NotFound();
            if (!State.CanManage || !State.Consents.Any(c => c.Id == consentId && c.WithdrawnAt is null))
                return NotFound();
            ConfirmConsent = consentId;
            return Page();
        }
        if (!await consents.WithdrawConsentAsync(Viewer.Of(User), Id, consentId))
            return NotFound();
        TempData["Notice"] = "Consent_Withdrawn";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostCloseOnwardAsync(Guid onwardId, bool confirmed)
    {
        if (!confirmed)
        {
            if (!await LoadAsync())
                return NotFound();
            // Withdrawing a referral the recipient has not answered revokes its access: ask first. Completing an accepted one needs no question.
            if (State.Onward.FirstOrDefault(o => o.Id == onwardId) is not { } row)
                return NotFound();
            if (row.Status == OnwardStatus.Pending)
            {
                ConfirmOnward = onwardId;
                return Page();
            }
        }
        if (!await onward.CloseAsync(Viewer.Of(User), Id, onwardId))
            return NotFound();
        TempData["Notice"] = "Onward_Closed";
        return RedirectToPage(new { id = Id });
    }

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
                ModelState.AddModelError(field.Length == 0 ? "" : prefix + "." + field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var state = await protection.ReadAsync(Viewer.Of(User), Id);
        if (state is null)
            return false;
        State = state;
        if (state.CanManage || state.CanRefer)
        {
            var kinds = OnwardService.OnwardRelations.SelectMany(r => AccessMatrix.Default[r].Kinds).ToHashSet();
            Institutions = (await db.Institutions.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Name).ToListAsync())
                .Where(i => kinds.Contains(i.Kind)).Select(i => (i.Id, i.Name, i.Kind.ToString())).ToList();
        }
        return true;
    }
}
