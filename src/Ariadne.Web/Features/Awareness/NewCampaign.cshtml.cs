using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Awareness;

/// <summary>Records a campaign. The form carries a key made when the page rendered: sent twice, it records once.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class NewCampaignModel(Campaigns campaigns, BlindIndex index) : PageModel
{
    [BindProperty] public Campaigns.CampaignInput Input { get; set; } = new();
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }

    public Campaigns.Standing Standing { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        Input.LeadInstitutionId = Viewer.Of(User).InstitutionId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var viewer = Viewer.Of(User);
        var (id, errors) = await campaigns.CreateAsync(viewer, Roles, Input, IdempotentRequest.ForAddition(index, FormKey, nameof(Campaign), viewer.UserId, Input),
            HttpContext.RequestAborted);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0 && id is { } created)
        {
            TempData["Notice"] = "Awareness_Recorded";
            return RedirectToPage("/Awareness/Campaign", new { id = created });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Input." + field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        Standing = await campaigns.StandingAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted);
        if (!Standing.Participant)
            return false;
        Institutions = await campaigns.InstitutionChoicesAsync(HttpContext.RequestAborted);
        return true;
    }
}
