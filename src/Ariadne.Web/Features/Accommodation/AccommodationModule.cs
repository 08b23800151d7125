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
    public const string PlacementsReadScope = "placements.read";
    public const string PlacementsWriteScope = "placements.write";
    public const string PlacementsReadPolicy = "api:placements.read";
    public const string PlacementsWritePolicy = "api:placements.write";

    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(ProtectionModule), typeof(Referrals.ReferralsModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Platform.Statistics.IStatisticsSource, AccommodationStatistics>();
        services.AddScoped<ShelterService>();
        services.AddScoped<PlacementService>();
        services.AddScoped<FollowUpService>();
        services.AddScoped<GuardService>();
        services.AddScoped<TransportService>();
        services.AddScoped<InspectionService>();
        services.AddScoped<ResidentService>();
        services.AddScoped<ComplaintService>();
        services.AddScoped<IHomePanel, FailedConditionsHomePanel>();
        services.AddHostedService<FollowUpJob>();
        services.AddScoped<IHomePanel, FollowUpHomePanel>();
        services.AddScoped<IHomePanel, UnreachableHomePanel>();
        services.AddScoped<IDemoData, AccommodationDemo>();
    }

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, ReadPolicy, null, ReadScope);
        ApiScope.AddPolicy(options, PlacementsReadPolicy, null, PlacementsReadScope, PlacementsWriteScope);
        ApiScope.AddPolicy(options, PlacementsWritePolicy, null, PlacementsWriteScope);
    }

    public override void MapApi(RouteGroupBuilder v1)
    {
        v1.MapSheltersApi();
        v1.MapPlacementsApi();
    }

    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(ReadScope, u => AccommodationRoles.Finders.Any(u.IsInRole)),
        // Reading: a shelter's staff, and whoever may read a case's status (the service decides per case).
        new(PlacementsReadScope, u => AccommodationRoles.Finders.Any(u.IsInRole)),
        new(PlacementsWriteScope, u => AccommodationRoles.Staff.Any(u.IsInRole)),
    ];

    public override IEnumerable<AuditAction> AuditActions => AccommodationAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Accommodation/Beds", "Nav_Beds", 35, u => AccommodationRoles.Finders.Any(u.IsInRole)),
        new("/Accommodation/Shelters", "Nav_Shelters", 36, u => AccommodationRoles.Staff.Any(u.IsInRole)),
        new("/Accommodation/Security", "Nav_ShelterSecurity", 37, u => AccommodationRoles.Staff.Any(u.IsInRole) || AccommodationRoles.RosterKeepers.Any(u.IsInRole)),
        new("/Accommodation/Guard", "Nav_Guard", 38, u => AccommodationRoles.Guards.Any(u.IsInRole)),
        new("/Accommodation/Conditions", "Nav_ShelterConditions", 39, u => InspectionService.Inspectors.Any(u.IsInRole)),
        new("/Accommodation/Complaints", "Nav_Complaints", 52, u => u.IsInRole(RoleCatalog.Auditor)),
    ];
}
