using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Awareness;

/// <summary>
/// One campaign: what, where, for whom, by whom; its materials and activities (the lead, partners and the office record them); and
/// the helpline's contacts in the weeks around it, as a table and a bar chart drawn on the server (counts only, "&lt;3" for 1–2).
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class CampaignModel(Campaigns campaigns, BlindIndex index) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int Weeks { get; set; } = Campaigns.DefaultWeeks;
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }
    [BindProperty] public Campaigns.ActivityInput Activity { get; set; } = new();
    [BindProperty] public Campaigns.MaterialInput Material { get; set; } = new();
    [BindProperty] public CampaignStatus? NewStatus { get; set; }

    public Campaigns.CampaignView View { get; private set; } = null!;
    public string? Failed { get; private set; }

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostActivityAsync() =>
        SaveAsync("Activity", v => campaigns.AddActivityAsync(v, Roles, Id, Activity, IdempotentRequest.ForAddition(index, FormKey, nameof(CampaignActivity), Id, Activity)), "Awareness_ActivityRecorded");

    public Task<IActionResult> OnPostMaterialAsync() =>
        SaveAsync("Material", v => campaigns.AddMaterialAsync(v, Roles, Id, Material, IdempotentRequest.ForAddition(index, FormKey, nameof(CampaignMaterial), Id, Material)), "Awareness_MaterialRecorded");

    public Task<IActionResult> OnPostStatusAsync() => SaveAsync("", v => campaigns.SetStatusAsync(v, Roles, Id, NewStatus), "Awareness_StatusChanged");

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
                ModelState.AddModelError(field.Length == 0 ? "" : prefix.Length == 0 ? "New" + field : prefix + "." + field, message);
        Failed = prefix;
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await campaigns.ReadAsync(Viewer.Of(User), Roles, Id, Weeks, HttpContext.RequestAborted) is not { } view)
            return false;
        View = view;
        return true;
    }
}
