using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Protection;

/// <summary>Protection and assistance: consent, onward referral to shelters, services and partners, risk and safety.</summary>
public sealed class ProtectionModule : AriadneModule
{
    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(IdentificationModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ProtectionService>();
        services.AddScoped<ConsentService>();
        services.AddScoped<OnwardService>();
        services.AddScoped<AssistanceConditions>();
        services.AddScoped<RiskService>();
        services.AddScoped<IHomePanel, AssignedCasesHomePanel>();
        services.AddScoped<Cases.ICaseTaskSource, ProtectionCaseTasks>();
        services.AddScoped<IHomePanel, OnwardHomePanel>();
    }

    public override IEnumerable<AuditAction> AuditActions => ProtectionAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Protection/Onward", "Nav_Onward", 30, u => u.IsInRole(RoleCatalog.ShelterManager) || u.IsInRole(RoleCatalog.SocialWorker)
            || u.IsInRole(RoleCatalog.ServiceProfessional) || u.IsInRole(RoleCatalog.PartnerOfficer)),
    ];
}
