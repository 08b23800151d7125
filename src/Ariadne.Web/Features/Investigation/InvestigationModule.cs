using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Cli;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// Investigation and prosecution (the plan's §3a, §5): the criminal file with its offences, parties, stages, coercive
/// measures and non-punishment decisions, shared per file with prosecutors and courts; the evidence locker with its chain
/// of custody and the <c>evidence verify</c> verb.
/// </summary>
public sealed class InvestigationModule : AriadneModule
{
    public const string ReadScope = "investigations.read";
    public const string WriteScope = "investigations.write";
    public const string EvidenceReadScope = "evidence.read";
    public const string EvidenceWriteScope = "evidence.write";
    public const string EntitiesReadScope = "entities.read";
    public const string EntitiesWriteScope = "entities.write";
    public const string EntitiesReadPolicy = "api:entities.read";
    public const string EntitiesWritePolicy = "api:entities.write";
    public const string ReadPolicy = "api:investigations.read";
    public const string WritePolicy = "api:investigations.write";
    public const string EvidenceReadPolicy = "api:evidence.read";
    public const string EvidenceWritePolicy = "api:evidence.write";
    public const string CooperationReadScope = "cooperation.read";
    public const string CooperationWriteScope = "cooperation.write";
    public const string CooperationReadPolicy = "api:cooperation.read";
    public const string CooperationWritePolicy = "api:cooperation.write";

    /// <summary>The roles that work on requests to foreign law enforcement: the Squad's keepers and chief, and the National Coordinator.</summary>
    public static readonly string[] CooperationRoles = [RoleCatalog.Investigator, RoleCatalog.SquadChief, RoleCatalog.Coordinator];

    /// <summary>The roles that work criminal files (each sees only the files granted to them or their institution).</summary>
    public static readonly string[] Roles =
        [RoleCatalog.Investigator, RoleCatalog.SquadChief, RoleCatalog.IdentificationOfficer, RoleCatalog.DutyOfficer, RoleCatalog.Prosecutor, RoleCatalog.CourtClerk];

    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Platform.Statistics.IStatisticsSource, InvestigationStatistics>();
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GradingOptions>().Bind(configuration.GetSection(GradingOptions.Section)).PostConfigure(o => o.FillDefaults());
        services.AddScoped<FileAccess>();
        services.AddScoped<CriminalFiles>();
        services.AddScoped<CooperationRequests>();
        services.AddScoped<IHomePanel, CooperationHomePanel>();
        services.AddScoped<EvidenceLocker>();
        services.AddScoped<LinkAnalysis>();
        services.AddScoped<IOperatorVerb, EvidenceVerifyVerb>();
        services.AddScoped<ISignedWithAuditKey, EvidenceSeals>();
        services.AddScoped<IDemoData, InvestigationDemo>();
    }

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, ReadPolicy, null, ReadScope, WriteScope);
        ApiScope.AddPolicy(options, WritePolicy, null, WriteScope);
        ApiScope.AddPolicy(options, EvidenceReadPolicy, null, EvidenceReadScope, EvidenceWriteScope);
        ApiScope.AddPolicy(options, EvidenceWritePolicy, null, EvidenceWriteScope);
        ApiScope.AddPolicy(options, EntitiesReadPolicy, null, EntitiesReadScope, EntitiesWriteScope);
        ApiScope.AddPolicy(options, EntitiesWritePolicy, null, EntitiesWriteScope);
        ApiScope.AddPolicy(options, CooperationReadPolicy, null, CooperationReadScope, CooperationWriteScope);
        ApiScope.AddPolicy(options, CooperationWritePolicy, null, CooperationWriteScope);
    }

    public override void MapApi(RouteGroupBuilder v1)
    {
        v1.MapInvestigationsApi();
        v1.MapEntitiesApi();
        v1.MapCooperationApi();
    }

    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(ReadScope, u => Roles.Any(u.IsInRole)),
        new(WriteScope, u => Roles.Any(u.IsInRole)),
        new(EvidenceReadScope, u => Roles.Any(u.IsInRole)),
        new(EvidenceWriteScope, u => Roles.Any(u.IsInRole)),
        new(EntitiesReadScope, u => Roles.Any(u.IsInRole)),
        new(EntitiesWriteScope, u => Roles.Any(u.IsInRole)),
        new(CooperationReadScope, u => CooperationRoles.Any(u.IsInRole)),
        new(CooperationWriteScope, u => CooperationRoles.Any(u.IsInRole)),
    ];

    public override IEnumerable<AuditAction> AuditActions => [.. InvestigationAudit.All, .. CooperationAudit.All];

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Investigation/Index", "Nav_Investigations", 20, u => Roles.Any(u.IsInRole)),
        new("/Investigation/Connections", "Connections_Nav", 21, u => Roles.Any(u.IsInRole)),
        new("/Investigation/Cooperation/Index", "Nav_Cooperation", 21, u => CooperationRoles.Any(u.IsInRole)),
    ];
}
