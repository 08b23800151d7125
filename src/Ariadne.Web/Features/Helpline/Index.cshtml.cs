using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The operator console: calls waiting (announced by the PBX), open contacts, the latest ones; a new contact in one keystroke
/// (N, from any page), a non-data contact in one keystroke (S, H, A, O). Helpline staff only; it updates itself live.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(ContactService contacts, AriadneDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<ContactService.Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<NonDataKind, int> NonDataToday { get; private set; } = new Dictionary<NonDataKind, int>();

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await contacts.ListAsync(Viewer.Of(User), Roles, take: 60, ct: ct) is not { } rows)
            return NotFound();
        Rows = rows;
        var since = time.GetUtcNow().AddHours(-24);
        var viewer = Viewer.Of(User);
        NonDataToday = (await db.HelplineContacts.AsNoTracking()
                .Where(c => c.InstitutionId == viewer.InstitutionId && c.NonData != null && c.ReceivedAt >= since)
                .Select(c => c.NonData!.Value).ToListAsync(ct))
            .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        return Page();
    }

    /// <summary>The console's rows alone, for the live update.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        if (await contacts.ListAsync(Viewer.Of(User), Roles, take: 60, ct: ct) is not { } rows)
            return NotFound();
        Rows = rows;
        return Partial("_ContactRows", this);
    }

    /// <summary>A new contact: opened and shown at once (the N key posts here from any page).</summary>
    public async Task<IActionResult> OnPostNewAsync(ContactChannel? channel, CancellationToken ct)
    {
        var contact = await contacts.OpenAsync(Viewer.Of(User), Roles, channel ?? ContactChannel.Phone, ct: ct);
        return contact is null ? NotFound() : RedirectToPage("/Helpline/Contact", new { id = contact.Id });
    }

    /// <summary>A contact that carries no data, logged and counted in one keystroke.</summary>
    public async Task<IActionResult> OnPostNonDataAsync(NonDataKind? kind, ContactChannel? channel, CancellationToken ct)
    {
        if (kind is null)
            return BadRequest();
        if (await contacts.LogNonDataAsync(Viewer.Of(User), Roles, kind.Value, channel ?? ContactChannel.Phone, ct) is null)
            return NotFound();
        TempData["Notice"] = kind switch
        {
            NonDataKind.Silent => "Helpline_NonDataLogged_Silent",
            NonDataKind.HangUp => "Helpline_NonDataLogged_HangUp",
            NonDataKind.Abusive => "Helpline_NonDataLogged_Abusive",
            _ => "Helpline_NonDataLogged_OutOfScope",
        };
        return RedirectToPage();
    }
}
