using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// The resident's own complaint page, without signing in: the one-time code from the welcome sheet and the complaint.
/// It reaches the oversight body only. Posts are rate-limited like sign-in attempts (a code is a credential).
/// </summary>
[AllowAnonymous]
public sealed class ComplaintModel(ComplaintService complaints) : PageModel
{
    [BindProperty] public ComplaintService.CodeInput Complaint { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var errors = await complaints.SubmitByCodeAsync(Complaint);
        if (errors.Count == 0)
        {
            Sent = true;
            Complaint = new();
            return Page();
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError("Complaint." + field, message);
        return Page();
    }
}
