using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Oversight;

/// <summary>Oversight: the review queue (break-glass, self-assignments) and who opened a case.</summary>
public sealed class OversightModule : AriadneModule
{
    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddScoped<IHomePanel, ReviewsHomePanel>();

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Oversight/Reviews", "Nav_Reviews", 50, u => u.IsInRole(RoleCatalog.Auditor)),
        new("/Oversight/CaseAccess", "Nav_CaseAccess", 51, u => u.IsInRole(RoleCatalog.Auditor)),
    ];
}
