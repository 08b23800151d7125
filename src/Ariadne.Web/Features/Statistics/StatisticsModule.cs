using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Features.Statistics.Output;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Statistics;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// The status of the fight in figures: facts from every module (<see cref="IStatisticsSource"/>), dashboards per role, the
/// release pipeline (suppression, perturbation, approval, the register of released tables), the standard outputs and the
/// statistics API.
/// </summary>
public sealed class StatisticsModule : AriadneModule
{
    public const string ReadScope = "statistics.read";
    public const string ReadPolicy = "api:statistics.read";

    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(ReferralsModule), typeof(IdentificationModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StatisticsOptions>().Bind(configuration.GetSection(StatisticsOptions.Section));
        services.AddSingleton<StatMonths>();
        services.AddStatisticsOutput();
        services.AddScoped<IStatisticsSource, VictimStatistics>();
        services.AddScoped<StatisticsProjection>();
        services.AddScoped<StatTableQuery>();
        services.AddScoped<StatisticsReleases>();
        services.AddScoped<IPublishedStatistics>(sp => sp.GetRequiredService<StatisticsReleases>());
        services.AddHostedService<StatisticsJob>();
    }

    public override void AddPolicies(AuthorizationOptions options) => ApiScope.AddPolicy(options, ReadPolicy, null, ReadScope);

    public override void MapApi(RouteGroupBuilder v1) => v1.MapStatisticsApi();

    /// <summary>Staff who read statistics: anyone with a role other than auditor or administrator (the service checks again).</summary>
    private static bool Reader(System.Security.Claims.ClaimsPrincipal u) =>
        u.FindAll(System.Security.Claims.ClaimTypes.Role).Any(c => !StatisticsReleases.ExcludedRoles.Contains(c.Value));

    public override IEnumerable<ApiScope> ApiScopes => [new(ReadScope, Reader)];

    public override IEnumerable<AuditAction> AuditActions => StatisticsAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Statistics/Index", "Nav_Statistics", 0, Reader, NavigationArea.Coordination, "Nav_StatisticsHint"),
    ];
}
