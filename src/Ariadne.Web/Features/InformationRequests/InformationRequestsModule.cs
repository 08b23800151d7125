using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>
/// Information under need-to-know (issue 16 §7): a request from one institution for what another holds on a case, decided by the
/// National Coordinator, released as a time-limited, read-only grant to the requesting person (see <see cref="InformationRequests"/>).
/// </summary>
public sealed class InformationRequestsModule : AriadneModule
{
    public const string ReadScope = "information.read";
    public const string WriteScope = "information.write";
    public const string ReadPolicy = "api:information.read";
    public const string WritePolicy = "api:information.write";

    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(ReferralsModule)];

    private static bool Requester(System.Security.Claims.ClaimsPrincipal u) => InformationRequests.RequesterRoles.Any(u.IsInRole);

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InformationRequestsOptions>().Bind(configuration.GetSection(InformationRequestsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<InformationRequests>();
        services.AddScoped<IHomePanel, InformationHomePanel>();
        services.AddScoped<IDemoData, InformationRequestsDemo>();
        services.AddHostedService<InformationLapseJob>();
    }

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, ReadPolicy, null, ReadScope, WriteScope);
        ApiScope.AddPolicy(options, WritePolicy, null, WriteScope);
    }

    public override void MapApi(RouteGroupBuilder v1) => v1.MapInformationRequestsApi();

    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(ReadScope, Requester),
        new(WriteScope, Requester),
    ];

    public override IEnumerable<AuditAction> AuditActions => InformationRequestsAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/InformationRequests/Index", "Nav_InformationRequests", 7, Requester, NavigationArea.Coordination, "Nav_InformationRequestsHint"),
        new("/InformationRequests/Queue", "Nav_InformationQueue", 8, u => u.IsInRole(RoleCatalog.Coordinator), NavigationArea.Coordination, "Nav_InformationQueueHint"),
    ];
}
