using System.Security.Claims;
using System.Text;
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

/// <summary>
/// One meeting: when and where, participants and attendance, agenda, minutes, decisions and action items. The office keeps
/// the record; the Coordinator approves the minutes; an action item's owner marks it done; an invited person downloads their
/// own calendar file. A meeting the viewer may not see is a 404.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class MeetingModel(CoordinationMeetings meetings, UiTime uiTime, BlindIndex index, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public MeetingWhen Move { get; set; } = new();
    [BindProperty] public string? AgendaTitle { get; set; }
    [BindProperty] public Dictionary<Guid, Attendance> Marks { get; set; } = [];
    [BindProperty] public string? MinutesText { get; set; }
    [BindProperty] public int? MinutesVersion { get; set; }
    [BindProperty] public string? DecisionText { get; set; }
    [BindProperty] public CoordinationMeetings.ActionInput Action { get; set; } = new();
    [BindProperty] public Guid? ItemId { get; set; }
    [BindProperty] public CoordinationMeetings.StatusInput Status { get; set; } = new();
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>): a decision or action item sent twice is recorded once.</summary>
    [BindProperty] public string? FormKey { get; set; }

    public CoordinationMeetings.MeetingView View { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> People { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        Fill();
        return Page();
    }

    /// <summary>The viewer's own .ics: only for a participant (audited); anyone else a 404.</summary>
    public async Task<IActionResult> OnGetCalendarAsync()
    {
        if (await meetings.CalendarAsync(Viewer.Of(User), Roles, Id, HttpContext.RequestAborted) is not { } calendar)
            return NotFound();
        return File(Encoding.UTF8.GetBytes(calendar.Content), MeetingCalendar.ContentType, calendar.FileName);
    }

    public Task<IActionResult> OnPostRescheduleAsync()
    {
        var errors = new Dictionary<string, string[]>();
        var (startsAt, endsAt) = Move.Resolve(uiTime, text, errors);
        return SaveAsync("Move", async v =>
        {
            var refused = await meetings.RescheduleAsync(v, Roles, Id, new() { StartsAt = startsAt, EndsAt = endsAt, Place = Move.Place, OnlineLink = Move.OnlineLink });
            if (refused is null)
                return null;
            foreach (var (key, messages) in refused)
                errors.TryAdd(MeetingWhen.FieldOf(key), messages);
            return errors;
        }, "Meeting_Rescheduled");
    }

    public Task<IActionResult> OnPostAgendaAsync() =>
        SaveAsync("", async v => Rename(await meetings.AddAgendaAsync(v, Roles, Id, AgendaTitle), "Title", nameof(AgendaTitle)), "Meeting_AgendaAdded");

    public Task<IActionResult> OnPostAttendanceAsync() =>
        SaveAsync("", async v => Rename(await meetings.RecordAttendanceAsync(v, Roles, Id, Marks), "Attendance", "Marks"), "Meeting_AttendanceSaved");

    public Task<IActionResult> OnPostMinutesAsync() =>
        SaveAsync("", async v => Rename(await meetings.SaveMinutesAsync(v, Roles, Id, MinutesText), "Text", nameof(MinutesText)), "Meeting_MinutesSaved");

    public Task<IActionResult> OnPostApproveAsync() =>
        SaveAsync("", v => meetings.ApproveMinutesAsync(v, Roles, Id, MinutesVersion), "Meeting_MinutesApproved");

    public Task<IActionResult> OnPostDecisionAsync() =>
        SaveAsync("", async v => Rename(await meetings.AddDecisionAsync(v, Roles, Id, DecisionText,
            IdempotentRequest.ForAddition(index, FormKey, nameof(MeetingDecision), Id, DecisionText ?? "")), "Text", nameof(DecisionText)), "Meeting_DecisionAdded");

    public Task<IActionResult> OnPostActionAsync() =>
        SaveAsync("Action", v => meetings.AddActionAsync(v, Roles, Id, Action, IdempotentRequest.ForAddition(index, FormKey, nameof(ActionItem), Id, Action)),
            "Meeting_ActionAdded");

    public Task<IActionResult> OnPostItemStatusAsync() =>
        SaveAsync("Status", v => meetings.SetActionStatusAsync(v, Roles, Id, ItemId ?? Guid.Empty, Status), "Meeting_ActionStatusSaved");

    private static Dictionary<string, string[]>? Rename(Dictionary<string, string[]>? errors, string from, string to) =>
        errors?.ToDictionary(e => e.Key == from ? to : e.Key, e => e.Value);

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
                ModelState.AddModelError(field.Length == 0 ? "" : prefix.Length == 0 ? field : prefix + "." + field,
                    message == text["Api_IdempotencyKeyReused"] ? text["Form_AlreadySent"] : message);
        if (!await LoadAsync())
            return NotFound();
        if (prefix != "Move")
            Move = MeetingWhen.Of(uiTime, View.StartsAt, View.EndsAt, View.Place, View.OnlineLink);
        return Page();
    }

    private void Fill()
    {
        Move = MeetingWhen.Of(uiTime, View.StartsAt, View.EndsAt, View.Place, View.OnlineLink);
        MinutesText = View.Current is { Status: MinutesStatus.Draft } draft ? draft.Text : View.Current?.Text;
    }

    private async Task<bool> LoadAsync()
    {
        if (await meetings.ReadAsync(Viewer.Of(User), Roles, Id, HttpContext.RequestAborted) is not { } view)
            return false;
        View = view;
        if (view.MayEdit)
        {
            Institutions = await meetings.InstitutionChoicesAsync(HttpContext.RequestAborted);
            People = await meetings.PersonChoicesAsync(HttpContext.RequestAborted);
        }
        return true;
    }
}
