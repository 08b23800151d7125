using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Referrals;

/// <summary>Referrals: intake from any participant, the Squad's duty desk, dispatch into a case, deadlines and escalation.</summary>
public sealed class ReferralsModule : AriadneModule
{
    public const string ReadScope = "referrals.read";
    public const string WriteScope = "referrals.write";
    public const string ReadPolicy = "api:referrals.read";
    public const string WritePolicy = "api:referrals.write";

    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(IdentificationModule), typeof(Protection.ProtectionModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReferralsOptions>().Bind(configuration.GetSection(ReferralsOptions.Section))
            .Validate(o => o.AcknowledgeWithin.Immediate > TimeSpan.Zero, "Referrals:AcknowledgeWithin:Immediate must be a positive time span, e.g. 00:15:00.")
            .Validate(o => o.AcknowledgeWithin.High > TimeSpan.Zero, "Referrals:AcknowledgeWithin:High must be a positive time span, e.g. 04:00:00.")
            .Validate(o => o.AcknowledgeWithin.Standard > TimeSpan.Zero, "Referrals:AcknowledgeWithin:Standard must be a positive time span, e.g. 1.00:00:00.")
            .Validate(o => o.SquadInstitutionCode is null || o.SquadInstitutionCode.Trim().Length > 0, "Referrals:SquadInstitutionCode, when set, must name an institution's code.")
            .ValidateOnStart();
        services.AddScoped<ReferralIntake>();
        services.AddScoped<ReferralDrafts>();
        services.AddScoped<Protection.IReferralConsentSource, ReferralConsentSource>();
        services.AddScoped<ReferralDesk>();
        services.AddScoped<ReferralDispatch>();
        services.AddScoped<ReferralDeadlines>();
        services.AddSingleton<ReferralSignal>();
        services.AddHostedService<ReferralDeadlineJob>();
        services.AddScoped<IErasureStep, ReferralErasure>();
        services.AddScoped<IDemoData, ReferralsDemo>();
        services.AddScoped<IHomePanel, DeskHomePanel>();
        services.AddScoped<IHomePanel, EscalationsHomePanel>();
        services.AddScoped<IHomePanel, MyReferralsHomePanel>();
    }

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, ReadPolicy, null, ReadScope, WriteScope);
        ApiScope.AddPolicy(options, WritePolicy, null, WriteScope);
    }

    public override void MapApi(RouteGroupBuilder v1) => ReferralsApi.MapReferralsApi(v1);

    public override void MapEndpoints(IEndpointRouteBuilder app) => app.MapDeskEvents();

    public override IEnumerable<AuditAction> AuditActions => ReferralsAudit.All;

    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(ReadScope, u => NotAdministrator(u) && (ReferralIntake.CanRefer(Viewer.Of(u)) || Viewer.Of(u).OnDutyDesk)),
        new(WriteScope, u => NotAdministrator(u) && ReferralIntake.CanRefer(Viewer.Of(u))),
    ];

    public override IEnumerable<NavigationEntry> Navigation =>
        [new("/Referrals/Index", "Nav_Referrals", 20, u => NotAdministrator(u) && !u.IsInRole(RoleCatalog.Auditor))];

    private static bool NotAdministrator(System.Security.Claims.ClaimsPrincipal user) => !user.IsInRole(RoleCatalog.Administrator);
}
