using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// One session: its course, dates, place and trainers; the participants the viewer may see; nominations (managers: anyone;
/// heads: their own staff); and for the training managers the session's status, each participant's attendance and result,
/// and the certificates. The forms that add carry a key made when the page rendered: sent twice, they add once.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class SessionModel(Trainings trainings, BlindIndex index, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public Trainings.EnrolInput Enrol { get; set; } = new();
    [BindProperty] public Trainings.AttendanceInput Mark { get; set; } = new();
    [BindProperty] public SessionStatus? Status { get; set; }
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }

    public Trainings.SessionView View { get; private set; } = null!;

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostEnrolAsync() => SaveAsync("Enrol", v => trainings.EnrolAsync(v, Roles, Id, Enrol,
        IdempotentRequest.ForAddition(index, FormKey, nameof(TrainingEnrolment), Id, Enrol), HttpContext.RequestAborted), "Tr_Enrolled_Notice");

    public Task<IActionResult> OnPostMarkAsync() => SaveAsync("Mark", v => trainings.RecordAttendanceAsync(v, Roles, Id, Mark,
        IdempotentRequest.ForAddition(index, FormKey, "TrainingAttendance", Id, Mark), HttpContext.RequestAborted), "Tr_Marked");

    public Task<IActionResult> OnPostStatusAsync() => SaveAsync("", v => trainings.SetStatusAsync(v, Roles, Id, Status, HttpContext.RequestAborted), "Tr_StatusSaved");

    public Task<IActionResult> OnPostIssueAsync(Guid enrolmentId) => SaveAsync("", async v =>
    {
        var (_, errors) = await trainings.IssueAsync(v, Roles, enrolmentId, HttpContext.RequestAborted);
        return errors;
    }, "Tr_Issued");

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
                ModelState.AddModelError(field.Length == 0 || prefix.Length == 0 ? "" : prefix + "." + field,
                    message == text["Api_IdempotencyKeyReused"] ? text["Form_AlreadySent"] : message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await trainings.SessionAsync(Viewer.Of(User), Roles, Id, HttpContext.RequestAborted) is not { } view)
            return false;
        View = view;
        return true;
    }
}
