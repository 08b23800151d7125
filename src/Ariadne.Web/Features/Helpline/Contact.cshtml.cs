using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// One contact: what the operator records (caller type, language, category, consent basis, where, what was said), the
/// forwarding rule that fired and its deadline, forwarding to the Squad, a supervisor's override (with a reason), the
/// caller's earlier contacts and flags, and the canned responses in the caller's language. Helpline staff of its institution only.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ContactModel(ContactService contacts) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public ContactInput Input { get; set; } = new();
    [BindProperty] public OverrideForm Override { get; set; } = new();
    [BindProperty] public FlagForm Flag { get; set; } = new();

    public ContactService.Detail? Detail { get; private set; }

    public sealed class OverrideForm
    {
        public ForwardingOverride? Decision { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class FlagForm
    {
        public CallerFlagKind? Kind { get; set; }
        public string? Note { get; set; }
        public int? Days { get; set; }
    }

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => LoadAsync(fill: true, ct);

    /// <summary>
    /// The page holds three forms; only the posted one's fields count. A value its binder could not read (an unknown choice,
    /// a number too large) is an error beside its field, never silently dropped.
    /// </summary>
    private Dictionary<string, string[]> UnreadableFields(string prefix)
    {
        var errors = ModelState.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Value is { Errors.Count: > 0 })
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value!.Errors.Select(e => e.ErrorMessage).ToArray());
        ModelState.Clear();
        return errors;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (UnreadableFields("Input.") is { Count: > 0 } unreadable)
        {
            AddErrors("Input.", unreadable);
            return await LoadAsync(fill: false, ct);
        }
        var errors = await contacts.SaveAsync(Viewer.Of(User), Roles, Id, Input, ct);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = Input.Close ? "Helpline_ClosedNotice" : "Helpline_SavedNotice";
            return Input.Close ? RedirectToPage("/Helpline/Index") : RedirectToPage(new { id = Id });
        }
        AddErrors("Input.", errors);
        return await LoadAsync(fill: false, ct);
    }

    public async Task<IActionResult> OnPostForwardAsync(CancellationToken ct)
    {
        var (outcome, _) = await contacts.ForwardAsync(Viewer.Of(User), Roles, Id, ct);
        if (outcome == ContactService.ForwardOutcome.NotAllowed)
            return NotFound();
        TempData["Notice"] = outcome switch
        {
            ContactService.ForwardOutcome.Forwarded => "Helpline_ForwardOutcome_Forwarded",
            ContactService.ForwardOutcome.AlreadyForwarded => "Helpline_ForwardOutcome_AlreadyForwarded",
            ContactService.ForwardOutcome.NoSquad => "Helpline_ForwardOutcome_NoSquad",
            _ => "Helpline_ForwardOutcome_NothingToForward",
        };
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostOverrideAsync(CancellationToken ct)
    {
        if (UnreadableFields("Override.") is { Count: > 0 } unreadable)
        {
            AddErrors("Override.", unreadable);
            return await LoadAsync(fill: true, ct);
        }
        var errors = await contacts.OverrideAsync(Viewer.Of(User), Roles, Id, Override.Decision, Override.Reason, ct);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Helpline_OverriddenNotice";
            return RedirectToPage(new { id = Id });
        }
        AddErrors("Override.", errors);
        return await LoadAsync(fill: true, ct);
    }

    public async Task<IActionResult> OnPostFlagAsync(CancellationToken ct)
    {
        if (UnreadableFields("Flag.") is { Count: > 0 } unreadable)
        {
            AddErrors("Flag.", unreadable);
            return await LoadAsync(fill: true, ct);
        }
        var errors = await contacts.FlagAsync(Viewer.Of(User), Roles, Id, Flag.Kind, Flag.Note, Flag.Days, ct);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Helpline_FlaggedNotice";
            return RedirectToPage(new { id = Id });
        }
        AddErrors("Flag.", errors);
        return await LoadAsync(fill: true, ct);
    }

    private void AddErrors(string prefix, Dictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(prefix + field, message);
    }

    private async Task<IActionResult> LoadAsync(bool fill, CancellationToken ct)
    {
        if (await contacts.ReadAsync(Viewer.Of(User), Roles, Id, ct) is not { } detail)
            return NotFound();
        Detail = detail;
        if (fill)
        {
            var c = detail.Contact;
            Input = new ContactInput
            {
                Channel = c.Channel,
                CallerType = c.CallerType,
                Language = c.Language,
                Category = c.Category,
                ConsentBasis = c.ConsentBasis,
                Summary = detail.Summary,
                Whereabouts = detail.Whereabouts,
            };
        }
        return Page();
    }
}
