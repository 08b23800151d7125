using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.Services;

/// <summary>Services (the plan's §3b): the service plan and goals, services referred to providers, sessions, compensation, interpreters.</summary>
public sealed class ServicesModule : AriadneModule
{
    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(ProtectionModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Platform.Statistics.IStatisticsSource, ServicesStatistics>();
        services.AddScoped<ServicePlanService>();
        services.AddScoped<IDemoData, ServicesDemo>();
    }

    /// <summary>The API reads and writes through the cases' scopes: a service is part of a case.</summary>
    public override void MapApi(RouteGroupBuilder v1) => v1.MapServicesApi();

    public override IEnumerable<AuditAction> AuditActions => ServicesAudit.All;
}
