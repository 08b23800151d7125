using System.Security.Claims;

namespace Ariadne.Web.Platform.Modules;

/// <summary>
/// One card of the home page ("my work"): a module registers its panels in its own <c>AddServices</c>
/// (<c>services.AddScoped&lt;IHomePanel, X&gt;()</c>). A panel reads only through its module's access rules
/// (cases through the one predicate, referrals through their visibility) and shows no personal data the
/// viewer may not read. Showing a panel grants nothing: each linked page still authorizes on its own.
/// </summary>
public interface IHomePanel
{
    /// <summary>The panel for this user, or null when it is not for them (wrong role, nothing to show).</summary>
    Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct);
}
