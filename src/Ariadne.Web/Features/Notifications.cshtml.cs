using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features;

/// <summary>In-app notices for the user, their institution, or holders of their roles (identifiers only).</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class NotificationsModel(AriadneDbContext db) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var viewer = Viewer.Of(User);
        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        Items = await db.Notifications.AsNoTracking()
            .For(viewer, roles)
            .OrderByDescending(n => n.CreatedAt).Take(100).ToListAsync();
    }
}
