using Ariadne.Web.Platform.Audit;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Platform.Modules;

/// <summary>
/// One capability's contract with the platform. A module lives in <c>Features/&lt;Name&gt;/</c> with a
/// <c>&lt;Name&gt;Module.cs</c> that derives from this class; the composition root (<c>AriadneModules</c>) lists
/// the modules, and is the only place that names them all. The platform calls each module in that order.
/// Everything is optional: a module overrides only what it has.
/// </summary>
public abstract class AriadneModule
{
    /// <summary>The module's name: its folder under Features and the last part of its namespace.</summary>
    public string Name => GetType().Name.EndsWith("Module", StringComparison.Ordinal)
        ? GetType().Name[..^"Module".Length]
        : throw new InvalidOperationException($"{GetType().Name}: a module's class name ends in Module.");

    /// <summary>
    /// The modules whose code this one may use (the module map). The architecture tests hold the code to it,
    /// and the map may have no cycle. Platform is always allowed and never listed.
    /// </summary>
    public virtual IReadOnlyList<Type> DependsOn => [];

    /// <summary>Services, typed options (validated at start), hosted jobs, matchers, CLI verbs, demo data.</summary>
    public virtual void AddServices(IServiceCollection services, IConfiguration configuration) { }

    /// <summary>The module's authorization policies (API scopes included).</summary>
    public virtual void AddPolicies(AuthorizationOptions options) { }

    /// <summary>Endpoints under <c>/api/v1</c> (the group already requires an API token).</summary>
    public virtual void MapApi(RouteGroupBuilder v1) { }

    /// <summary>Other endpoints than pages and the API (a live stream, a download).</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder app) { }

    /// <summary>The kinds of audit event the module writes (each declared once, in the module's *Audit class).</summary>
    public virtual IEnumerable<AuditAction> AuditActions => [];

    /// <summary>The API scopes a token may be given for this module.</summary>
    public virtual IEnumerable<Api.ApiScope> ApiScopes => [];

    /// <summary>The module's entries in the navigation bar.</summary>
    public virtual IEnumerable<NavigationEntry> Navigation => [];
}
