using System.Security.Claims;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Staff;

/// <summary>
/// Accounts awaiting confirmation. For a head of an institution (or an auditor standing in): the changes they may
/// confirm (<see cref="AccountConfirmations.PendingForAsync"/>), shown only when there are some. For the
/// administrator: how many of the changes they asked for still wait for the head's confirmation.
/// </summary>
public sealed class ConfirmationsHomePanel(AccountConfirmations confirmations, AriadneDbContext db) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        if (user.IsInRole(RoleCatalog.Administrator))
        {
            var waiting = await db.AccountChanges.AsNoTracking().CountAsync(c => c.DecidedAt == null && c.RequestedBy == userId, ct);
            return new HomePanelView("Home_AwaitingConfirmation", [], "awaiting-confirmation", 60)
            {
                Count = waiting,
                CountKey = "Home_AwaitingConfirmationCount",
                SeeAll = new HomeLink("/Admin/Users/Index", "Nav_Users"),
            };
        }
        var rows = await confirmations.PendingForAsync(userId, ct);
        if (rows.Count == 0)
            return null;
        var items = rows.OrderBy(r => r.RequestedAt).Take(HomePanelView.MaxItems)
            .Select(r => new HomePanelItem(HomeText.Plain(r.DisplayName)) { Page = "/Staff/Confirmations", Tag = new HomeText("ConfirmKind_" + r.Kind) })
            .ToList();
        return new HomePanelView("Home_Confirmations", items, "confirmations", 60)
        {
            Count = rows.Count,
            CountKey = "Home_ConfirmationsCount",
            SeeAll = new HomeLink("/Staff/Confirmations", "Home_ConfirmationsSeeAll"),
        };
    }
}
