using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features;

/// <summary>
/// The start page after sign-in: "my work". Each module's <see cref="IHomePanel"/> adds the card for the
/// viewer's work (the duty desk's queue, assigned cases with their next step, the onward inbox, …), and the
/// latest notices addressed to the viewer follow. Lists carry numbers and statuses, never names.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(AriadneDbContext db, IEnumerable<IHomePanel> panels) : PageModel
{
    /// <summary>How many notices the home page shows; the rest are on /Notifications.</summary>
    public const int NoticeCount = 5;

    public string InstitutionName { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlyList<HomePanelView> Panels { get; private set; } = [];
    public IReadOnlyList<Notification> Notices { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var viewer = Viewer.Of(User);
        InstitutionName = await db.Users.AsNoTracking().Where(u => u.Id == viewer.UserId).Select(u => u.Institution!.Name).FirstAsync(ct);
        Roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var built = new List<HomePanelView>();
        foreach (var panel in panels) // one at a time: they share the request's DbContext
        {
            if (await panel.BuildAsync(User, ct) is { } view)
                built.Add(view);
        }
        Panels = built.OrderBy(p => p.Alert ? 0 : 1).ThenBy(p => p.Order).ToList();
        var roles = Roles.ToList();
        Notices = await db.Notifications.AsNoTracking()
            .For(viewer, roles)
            .OrderByDescending(n => n.CreatedAt).Take(NoticeCount).ToListAsync(ct);
    }

    /// <summary>The text of a home item in the viewer's language.</summary>
    public static string Text(Microsoft.Extensions.Localization.IStringLocalizer localizer, HomeText text) =>
        text.Localized ? text.Key : localizer[text.Key, text.Args].Value;
}
