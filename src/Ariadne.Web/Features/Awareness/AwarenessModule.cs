using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Features.Observation;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Awareness;

/// <summary>
/// Awareness (issue 16 §6): campaigns and their activities, audiences, regions, materials and reach, with the helpline's contact
/// volumes in the weeks around each campaign (counts only).
/// </summary>
public sealed class AwarenessModule : AriadneModule
{
    public override IReadOnlyList<Type> DependsOn => [typeof(HelplineModule), typeof(ObservationModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Campaigns>();
        services.AddScoped<IDemoData, AwarenessDemo>();
    }

    public override IEnumerable<AuditAction> AuditActions => AwarenessAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Awareness/Campaigns", "Nav_Awareness", 9, u => u.Identity?.IsAuthenticated == true && !u.IsInRole(RoleCatalog.Administrator), NavigationArea.Coordination, "Nav_AwarenessHint"),
    ];
}
