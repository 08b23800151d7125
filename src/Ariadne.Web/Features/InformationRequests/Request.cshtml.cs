using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>
/// One request and its timeline, as the viewer stands to it: the requester reads where it stands and what was released (and opens
/// the case while the release is in force); the holder gives its opinion; the Coordinator sees who holds the case and decides, or
/// revokes a release. A 404 for anyone else.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class RequestModel(InformationRequests requests) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public InformationRequests.OpinionInput Opine { get; set; } = new();
    [BindProperty] public InformationRequests.DecisionInput Decision { get; set; } = new();
    [BindProperty] public InformationRequests.RevokeInput Revoke { get; set; } = new();

    public InformationRequests.View View { get; private set; } = null!;

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        Decision.Classes = [.. InformationRequests.Split(View.RequestedClasses)];
        Decision.Days = View.RequestedDays;
        return Page();
    }

    public Task<IActionResult> OnPostOpinionAsync() => SaveAsync("Opine", v => requests.OpineAsync(v, Roles, Id, Opine, HttpContext.RequestAborted), "Info_OpinionSaved");

    public Task<IActionResult> OnPostDecideAsync() => SaveAsync("Decision", v => requests.DecideAsync(v, Roles, Id, Decision, HttpContext.RequestAborted), "Info_Decided");

    public Task<IActionResult> OnPostRevokeAsync() => SaveAsync("Revoke", v => requests.RevokeAsync(v, Roles, Id, Revoke, HttpContext.RequestAborted), "Info_RevokedNotice");

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
        if (await requests.ReadAsync(Viewer.Of(User), Roles, Id, HttpContext.RequestAborted) is not { } view)
            return false;
        View = view;
        return true;
    }
}
