using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>Secure accommodation (the plan's §6): shelters and their beds, the bed finder, holds, admission and discharge.</summary>
public sealed class AccommodationModule : AriadneModule
{
    public const string ReadScope = "shelters.read";
    public const string ReadPolicy = "api:shelters.read";

    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(ProtectionModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ShelterService>();
        services.AddScoped<PlacementService>();
        services.AddScoped<FollowUpService>();
        services.AddScoped<InspectionService>();
        services.AddScoped<ResidentService>();
        services.AddScoped<ComplaintService>();
        services.AddScoped<IHomePanel, FailedConditionsHomePanel>();
        services.AddHostedService<FollowUpJob>();
        services.AddScoped<IHomePanel, FollowUpHomePanel>();
        services.AddScoped<IHomePanel, UnreachableHomePanel>();
        services.AddScoped<IDemoData, AccommodationDemo>();
    }

    public override void AddPolicies(AuthorizationOptions options) => ApiScope.AddPolicy(options, ReadPolicy, null, ReadScope);

    public override void MapApi(RouteGroupBuilder v1) => v1.MapSheltersApi();

    public override IEnumerable<ApiScope> ApiScopes => [new(ReadScope, u => AccommodationRoles.Finders.Any(u.IsInRole))];

    public override IEnumerable<AuditAction> AuditActions => AccommodationAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Accommodation/Beds", "Nav_Beds", 35, u => AccommodationRoles.Finders.Any(u.IsInRole)),
        new("/Accommodation/Shelters", "Nav_Shelters", 36, u => AccommodationRoles.Staff.Any(u.IsInRole)),
        new("/Accommodation/Conditions", "Nav_ShelterConditions", 37, u => InspectionService.Inspectors.Any(u.IsInRole)),
        new("/Accommodation/Complaints", "Nav_Complaints", 52, u => u.IsInRole(RoleCatalog.Auditor)),
    ];
}
