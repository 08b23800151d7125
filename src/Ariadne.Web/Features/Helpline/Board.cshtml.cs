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
/// The supervisor board: the live queue (contacts waiting, open, oldest wait), who is on shift now, and every tip not yet with the Squad — held
/// and why, or waiting with its deadline (the held-tips report). Supervisors of the helpline only; the read is audited.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class BoardModel(ContactService contacts, RosterService roster, AriadneDbContext db) : PageModel
{
    public IReadOnlyList<ContactService.Row> Tips { get; private set; } = [];
    public HelplineEvents.QueueEvent Queue { get; private set; } = new(0, 0, 0);
    public DateTimeOffset? OldestWaiting { get; private set; }
    public IReadOnlyList<RosterService.OnShift> OnShift { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = Viewer.Of(User);
        if (await contacts.HeldAsync(viewer, User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), ct) is not { } tips)
            return NotFound();
        Tips = tips;
        Queue = await HelplineEvents.StateAsync(db, viewer.InstitutionId, ct);
        OldestWaiting = await db.HelplineContacts.AsNoTracking().Where(c => c.InstitutionId == viewer.InstitutionId && c.Status == ContactStatus.Waiting)
            .OrderBy(c => c.ReceivedAt).Select(c => (DateTimeOffset?)c.ReceivedAt).FirstOrDefaultAsync(ct);
        OnShift = await roster.OnNowAsync(viewer.InstitutionId, ct);
        return Page();
    }
}
