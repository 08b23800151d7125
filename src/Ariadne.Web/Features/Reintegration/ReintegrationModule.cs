using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>Return and reintegration (the plan's §3b, §6): repatriation with the partner's minimal view, re-trafficking risk, witness safety.</summary>
public sealed class ReintegrationModule : AriadneModule
{
    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(ProtectionModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReintegrationService>();
        services.AddScoped<ICaseTaskSource, ReintegrationCaseTasks>();
        services.AddScoped<IHomePanel, RetraffickingHomePanel>();
        services.AddScoped<IDemoData, ReintegrationDemo>();
    }

    public override IEnumerable<AuditAction> AuditActions => ReintegrationAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Reintegration/Partner", "Nav_Repatriations", 35, u => u.IsInRole(RoleCatalog.PartnerOfficer)),
    ];
}
