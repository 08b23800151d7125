using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Meetings;

/// <summary>The Coordinator's office schedules a meeting: what, when (Baku time), where, who is invited, and the agenda.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class NewModel(CoordinationMeetings meetings, UiTime uiTime, BlindIndex index, IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed class MeetingForm
    {
        public string? Title { get; set; }
        public MeetingKind? Kind { get; set; }
        public MeetingWhen When { get; set; } = new();
        public List<Guid> Institutions { get; set; } = [];
        public List<Guid> Users { get; set; } = [];
        /// <summary>One item a line.</summary>
        public string? Agenda { get; set; }
    }

    [BindProperty] public MeetingForm Form { get; set; } = new();
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>): sent twice, it makes one meeting.</summary>
    [BindProperty] public string? FormKey { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> People { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!(await meetings.StandingAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted)).Office)
            return NotFound();
        Form.Kind = MeetingKind.Regular;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (!(await meetings.StandingAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted)).Office)
            return NotFound();
        var errors = new Dictionary<string, string[]>();
        var (startsAt, endsAt) = Form.When.Resolve(uiTime, text, errors);
        var input = new CoordinationMeetings.MeetingInput
        {
            Title = Form.Title,
            Kind = Form.Kind,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Place = Form.When.Place,
            OnlineLink = Form.When.OnlineLink,
            Institutions = Form.Institutions,
            Users = Form.Users,
            Agenda = [.. (Form.Agenda ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        };
        // The service checks everything else even when a time could not be read (then it saves nothing), so that every error shows at once.
        var (id, refused) = await meetings.CreateAsync(Viewer.Of(User), Roles, input,
            IdempotentRequest.ForAddition(index, FormKey, nameof(Meeting), Guid.Empty, input), HttpContext.RequestAborted);
        if (refused is null)
            return NotFound();
        foreach (var (key, messages) in refused)
            if (!errors.ContainsKey(MeetingWhen.FieldOf(key)) && !(errors.ContainsKey(nameof(MeetingWhen.Day)) && key is "StartsAt" or "EndsAt"))
                errors[key] = messages;
        if (errors.Count == 0 && id is { } made)
        {
            TempData["Notice"] = "Meeting_Created";
            return RedirectToPage("/Meetings/Meeting", new { id = made });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(KeyOf(field), message == text["Api_IdempotencyKeyReused"] ? text["Form_AlreadySent"] : message);
        await LoadAsync();
        return Page();
    }

    private static string KeyOf(string field) => field switch
    {
        "" => "",
        nameof(MeetingWhen.Day) or nameof(MeetingWhen.From) or nameof(MeetingWhen.Until) or nameof(MeetingWhen.Place) or nameof(MeetingWhen.OnlineLink)
            or nameof(CoordinationMeetings.MeetingInput.StartsAt) or nameof(CoordinationMeetings.MeetingInput.EndsAt) => "Form.When." + MeetingWhen.FieldOf(field),
        _ => "Form." + field,
    };

    private async Task LoadAsync()
    {
        Institutions = await meetings.InstitutionChoicesAsync(HttpContext.RequestAborted);
        People = await meetings.PersonChoicesAsync(HttpContext.RequestAborted);
    }
}
