using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Platform.Modules;

/// <summary>The modules the composition root listed, in its order, and what they contribute.</summary>
public sealed class ModuleCatalog
{
    public ModuleCatalog(IReadOnlyList<AriadneModule> modules)
    {
        Modules = modules;
        var duplicates = modules.GroupBy(m => m.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidOperationException("A module is listed twice: " + string.Join(", ", duplicates));
        Navigation = modules.SelectMany(m => m.Navigation).OrderBy(n => n.Order).ToList();
        AuditActions = PlatformAudit.All.Concat(modules.SelectMany(m => m.AuditActions)).ToList();
        var clashes = AuditActions.GroupBy(a => a.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (clashes.Count > 0)
            throw new InvalidOperationException("An audit action is declared twice: " + string.Join(", ", clashes));
        ApiScopes = Api.ApiScopes.Platform.Concat(modules.SelectMany(m => m.ApiScopes)).ToList();
        var scopeClashes = ApiScopes.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (scopeClashes.Count > 0)
            throw new InvalidOperationException("An API scope is declared twice: " + string.Join(", ", scopeClashes));
    }

    public IReadOnlyList<AriadneModule> Modules { get; }

    public IReadOnlyList<NavigationEntry> Navigation { get; }

    /// <summary>The links of one area this person may follow, in order; a link that gathers an area only if that area has one.</summary>
    public IReadOnlyList<NavigationEntry> NavigationFor(System.Security.Claims.ClaimsPrincipal user, NavigationArea area) =>
        Navigation.Where(e => e.Area == area && e.Shows(user) && (e.Gathers is not { } gathered || NavigationFor(user, gathered).Count > 0)).ToList();

    /// <summary>
    /// Whether the page shown is this link's: the page itself, a page in the folder of an Index link, or, for a link that
    /// gathers an area, the page of one of that area's links.
    /// </summary>
    public bool IsCurrent(NavigationEntry entry, string currentPage, System.Security.Claims.ClaimsPrincipal user) =>
        Opens(entry.Page, currentPage) || (entry.Gathers is { } area && NavigationFor(user, area).Any(e => Opens(e.Page, currentPage)));

    private static bool Opens(string page, string currentPage) =>
        currentPage == page || (page.EndsWith("/Index", StringComparison.Ordinal) && page != "/Index" && currentPage.StartsWith(page[..^"Index".Length], StringComparison.Ordinal));

    /// <summary>Every audit action the platform and the modules write.</summary>
    public IReadOnlyList<AuditAction> AuditActions { get; }

    /// <summary>Every API scope a token may carry.</summary>
    public IReadOnlyList<Api.ApiScope> ApiScopes { get; }
}
