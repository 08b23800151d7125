using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>The oversight body's residents' complaints: the queue, one complaint's text (an audited read), its status and outcome. Auditors only.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ComplaintsModel(ComplaintService complaints) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public ComplaintService.UpdateInput Update { get; set; } = new();

    public IReadOnlyList<ComplaintService.Row> Queue { get; private set; } = [];
    public ComplaintService.Detail? Complaint { get; private set; }

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public Task<IActionResult> OnGetAsync() => LoadAsync(fill: true);

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var errors = await complaints.UpdateAsync(Viewer.Of(User), Roles, Id ?? Guid.Empty, Update);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Complaint_Updated";
            return RedirectToPage(new { id = Id });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError("Update." + field, message);
        return await LoadAsync(fill: false);
    }

    private async Task<IActionResult> LoadAsync(bool fill)
    {
        if (Id is { } id)
        {
            if (await complaints.ReadAsync(Viewer.Of(User), Roles, id) is not { } detail)
                return NotFound();
            Complaint = detail;
            if (fill)
                Update = new() { Status = detail.Status, Outcome = detail.Outcome };
            return Page();
        }
        if (await complaints.QueueAsync(Roles) is not { } queue)
            return NotFound();
        Queue = queue;
        return Page();
    }
}
