using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Observation;

/// <summary>
/// Observation and assessment (issue 16 §5): any participant reports a problem found in the fight against trafficking; the
/// National Coordinator's office routes it to the institutions concerned, which respond by a deadline; progress is tracked,
/// flagged when overdue, and reported in aggregate.
/// </summary>
public sealed class ObservationModule : AriadneModule
{
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservationOptions>().Bind(configuration.GetSection(ObservationOptions.Section)).ValidateOnStart();
        services.AddScoped<Problems>();
        services.AddHostedService<ObservationOverdueJob>();
        services.AddScoped<IHomePanel, ObservationHomePanel>();
        services.AddScoped<IDemoData, ObservationDemo>();
    }

    public override IEnumerable<AuditAction> AuditActions => ObservationAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Observation/Problems", "Nav_Problems", 6, u => u.Claims.Any(c => c.Type == System.Security.Claims.ClaimTypes.Role
            && !Problems.ExcludedRoles.Contains(c.Value)), NavigationArea.Coordination, "Nav_ProblemsHint"),
    ];
}
