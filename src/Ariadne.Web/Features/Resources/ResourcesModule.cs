using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// Resources and donors (issue 16 §3; the plan's §1 and §3d): institutions' needs by the plan's eight categories, donors' supported
/// areas stated through the Coordinator, pledges, commitments and disbursements against needs with matching, "who does what
/// where", and IATI Activity XML out and in.
/// </summary>
public sealed class ResourcesModule : AriadneModule
{
    public const string ReadScope = "resources.read";
    public const string WriteScope = "resources.write";
    public const string ReadPolicy = "api:resources.read";
    public const string WritePolicy = "api:resources.write";

    /// <summary>Who may hold a token or see the pages: anyone with a role other than auditing or administering (the service decides what each sees).</summary>
    public static bool Participant(System.Security.Claims.ClaimsPrincipal u) =>
        u.FindAll(System.Security.Claims.ClaimTypes.Role).Any(c => !ResourceLedger.ExcludedRoles.Contains(c.Value));

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Platform.Statistics.IStatisticsSource, ResourcesStatistics>();
        services.AddOptions<ResourcesOptions>().Bind(configuration.GetSection(ResourcesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ResourceLedger>();
        services.AddScoped<IatiExchange>();
        services.AddScoped<IDemoData, ResourcesDemo>();
        services.AddScoped<IHomePanel, ResourcesHomePanel>();
    }

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, ReadPolicy, null, ReadScope, WriteScope);
        ApiScope.AddPolicy(options, WritePolicy, null, WriteScope);
    }

    public override void MapApi(RouteGroupBuilder v1) => v1.MapResourcesApi();

    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(ReadScope, Participant),
        new(WriteScope, Participant),
    ];

    public override IEnumerable<AuditAction> AuditActions => ResourcesAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Resources/Index", "Nav_Resources", 5, Participant, NavigationArea.Coordination, "Nav_ResourcesHint"),
    ];
}
