using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// The National Coordinator's view: figures without identities, the national count, and the action plan (its measures,
/// their evidence-backed status, indicators computed from the system's own records, and the recommendations they answer).
/// </summary>
public sealed class CoordinationModule : AriadneModule
{
    public const string PlanReadScope = "plan.read";
    public const string PlanWriteScope = "plan.write";
    public const string PlanReadPolicy = "api:plan.read";
    public const string PlanWritePolicy = "api:plan.write";

    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(ReferralsModule), typeof(IdentificationModule), typeof(AccommodationModule)];

    /// <summary>Who may hold a token for the plan: anyone whose institution may answer for a measure (the service decides what each sees).</summary>
    private static bool PlanUser(System.Security.Claims.ClaimsPrincipal u) =>
        u.IsInRole(RoleCatalog.Analyst) || ActionPlans.ReporterRoles.Any(u.IsInRole);

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CoordinationOptions>().Bind(configuration.GetSection(CoordinationOptions.Section)).ValidateOnStart();
        services.AddScoped<NationalCount>();
        services.AddScoped<CoordinatorFigures>();
        services.AddHostedService<NationalCountJob>();
        services.AddScoped<IDemoData, CoordinationDemo>();
        services.AddScoped<IHomePanel, FiguresHomePanel>();
        services.AddScoped<ActionPlans>();
        services.AddScoped<PlanImport>();
        services.AddScoped<IHomePanel, PlanHomePanel>();
    }

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, PlanReadPolicy, null, PlanReadScope, PlanWriteScope);
        ApiScope.AddPolicy(options, PlanWritePolicy, null, PlanWriteScope);
    }

    public override void MapApi(RouteGroupBuilder v1) => v1.MapPlanApi();

    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(PlanReadScope, PlanUser),
        new(PlanWriteScope, u => ActionPlans.ReporterRoles.Any(u.IsInRole)),
    ];

    public override IEnumerable<AuditAction> AuditActions => [.. CoordinationAudit.All, .. PlanAudit.All];

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Coordination/Index", "Nav_Coordination", 40, _ => true, Gathers: NavigationArea.Coordination),
        new("/Coordination/Figures", "Nav_Figures", 1, u => u.IsInRole(RoleCatalog.Coordinator) || u.IsInRole(RoleCatalog.Analyst), NavigationArea.Coordination, "Nav_FiguresHint"),
        new("/Coordination/Plan/Index", "Nav_Plan", 2, PlanUser, NavigationArea.Coordination, "Nav_PlanHint"),
    ];
}
