using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// Certificates: the viewer's own, their staff's for an institution's heads, all for the training managers, who also revoke
/// (with a reason) and record certificates of training taken outside the system (issuing body, number, where the scan is kept).
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class CertificatesModel(Trainings trainings) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UserId { get; set; }
    [BindProperty] public Trainings.ExternalInput External { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }

    public Trainings.Standing Standing { get; private set; } = null!;
    public IReadOnlyList<Trainings.CertificateRow> Rows { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> People { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostExternalAsync()
    {
        ModelState.Clear();
        var (_, errors) = await trainings.AddExternalAsync(Viewer.Of(User), Roles, External, HttpContext.RequestAborted);
        return await AfterAsync("External", errors, "Tr_ExternalSaved");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid certificateId)
    {
        ModelState.Clear();
        var errors = await trainings.RevokeAsync(Viewer.Of(User), Roles, certificateId, Reason, HttpContext.RequestAborted);
        return await AfterAsync("", errors, "Tr_Revoked");
    }

    private async Task<IActionResult> AfterAsync(string prefix, Dictionary<string, string[]>? errors, string notice)
    {
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { userId = UserId });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : prefix.Length == 0 ? field : prefix + "." + field, message);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var viewer = Viewer.Of(User);
        Standing = await trainings.StandingAsync(viewer, Roles, ct);
        Rows = await trainings.CertificatesAsync(viewer, Roles, userId: UserId, ct: ct);
        People = await trainings.PeopleAsync(viewer, Roles, ct);
    }
}
