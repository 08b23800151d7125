using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// The training programme: the catalogue of courses and sessions (with how many are enrolled, never who), and for the training
/// managers the forms that add a course or a session and the certificates that expire within 90 days.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(Trainings trainings) : PageModel
{
    [BindProperty] public Trainings.CourseInput Course { get; set; } = new();
    [BindProperty] public Trainings.SessionInput Session { get; set; } = new();

    public Trainings.Standing Standing { get; private set; } = null!;
    public IReadOnlyList<Trainings.CourseRow> Courses { get; private set; } = [];
    public IReadOnlyList<Trainings.SessionRow> Sessions { get; private set; } = [];
    public IReadOnlyList<Trainings.CertificateRow> Expiring { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCourseAsync()
    {
        ModelState.Clear();
        var (_, errors) = await trainings.AddCourseAsync(Viewer.Of(User), Roles, Course, HttpContext.RequestAborted);
        return await AfterAsync("Course", errors, "Tr_CourseSaved", null);
    }

    public async Task<IActionResult> OnPostSessionAsync()
    {
        ModelState.Clear();
        var (id, errors) = await trainings.AddSessionAsync(Viewer.Of(User), Roles, Session, HttpContext.RequestAborted);
        return await AfterAsync("Session", errors, "Tr_SessionSaved", id);
    }

    private async Task<IActionResult> AfterAsync(string prefix, Dictionary<string, string[]>? errors, string notice, Guid? sessionId)
    {
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = notice;
            return sessionId is { } id ? RedirectToPage("/Training/Session", new { id }) : RedirectToPage();
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : prefix + "." + field, message);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var viewer = Viewer.Of(User);
        Standing = await trainings.StandingAsync(viewer, Roles, ct);
        Courses = await trainings.CoursesAsync(ct);
        Sessions = await trainings.SessionsAsync(false, ct);
        if (Standing.Manager)
            Expiring = await trainings.CertificatesAsync(viewer, Roles, expiringOnly: true, ct: ct);
    }
}
