using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Coordination;

/// <summary>The National Coordinator's view: figures without identities, and the national count.</summary>
public sealed class CoordinationModule : AriadneModule
{
    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(ReferralsModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CoordinationOptions>().Bind(configuration.GetSection(CoordinationOptions.Section)).ValidateOnStart();
        services.AddScoped<NationalCount>();
        services.AddScoped<CoordinatorFigures>();
        services.AddHostedService<NationalCountJob>();
        services.AddScoped<IDemoData, CoordinationDemo>();
        services.AddScoped<IHomePanel, FiguresHomePanel>();
    }

    public override IEnumerable<AuditAction> AuditActions => CoordinationAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
        [new("/Coordination/Index", "Nav_Coordination", 40, u => u.IsInRole(RoleCatalog.Coordinator) || u.IsInRole(RoleCatalog.Analyst))];
}
