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

    /// <summary>Every audit action the platform and the modules write.</summary>
    public IReadOnlyList<AuditAction> AuditActions { get; }

    /// <summary>Every API scope a token may carry.</summary>
    public IReadOnlyList<Api.ApiScope> ApiScopes { get; }
}
