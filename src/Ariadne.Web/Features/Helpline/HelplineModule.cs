using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The 24/7 helpline (the plan's §6): contacts on every channel, anonymous by default; forwarding of tips to the Squad
/// through the referral flow, by rules with deadlines; the anonymous web chat; the roster that keeps it staffed.
/// </summary>
public sealed class HelplineModule : AriadneModule
{
    public const string ContactsReadScope = "helpline.read";
    public const string ContactsWriteScope = "helpline.write";
    public const string CallsScope = "helpline.calls";
    public const string ContactsReadPolicy = "api:helpline.read";
    public const string ContactsWritePolicy = "api:helpline.write";
    public const string CallsPolicy = "api:helpline.calls";

    public override IReadOnlyList<Type> DependsOn => [typeof(ReferralsModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Platform.Statistics.IStatisticsSource, HelplineStatisticsSource>();
        services.AddOptions<HelplineOptions>().Bind(configuration.GetSection(HelplineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HelplineSignal>();
        services.AddScoped<ContactService>();
        services.AddScoped<HelplineDeadlines>();
        services.AddHostedService<HelplineDeadlineJob>();
        services.AddScoped<RosterService>();
        services.AddScoped<HelplineStatistics>();
        services.AddScoped<IHomePanel, RosterGapsHomePanel>();
        services.AddScoped<IDemoData, HelplineRosterDemo>();
        services.AddScoped<IDemoData, HelplineDemo>();
        services.AddSingleton<ChatSignal>();
        services.AddScoped<ChatService>();
        // Out of hours when nobody is on the roster's shift now.
        services.AddScoped<IHelplineCover, RosterCover>();
    }

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, ContactsReadPolicy, null, ContactsReadScope, ContactsWriteScope);
        ApiScope.AddPolicy(options, ContactsWritePolicy, null, ContactsWriteScope);
        ApiScope.AddPolicy(options, CallsPolicy, null, CallsScope);
    }

    public override void MapApi(RouteGroupBuilder v1) => v1.MapHelplineApi();

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapHelplineEvents();
        app.MapChat();
    }

    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(ContactsReadScope, u => HelplineRoles.Staff.Any(u.IsInRole)),
        new(ContactsWriteScope, u => HelplineRoles.Staff.Any(u.IsInRole)),
        new(CallsScope, u => HelplineRoles.Staff.Any(u.IsInRole)),
    ];

    public override IEnumerable<AuditAction> AuditActions => HelplineAudit.All.Concat(RosterAudit.All).Concat(ChatAudit.All);

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Helpline/Index", "Nav_Helpline", 12, u => HelplineRoles.Staff.Any(u.IsInRole)),
        new("/Helpline/Board", "Nav_HelplineBoard", 13, u => HelplineRoles.Supervisors.Any(u.IsInRole)),
        new("/Helpline/Roster", "Nav_HelplineRoster", 41, u => HelplineRoles.Supervisors.Any(u.IsInRole)),
        new("/Helpline/Statistics", "Nav_HelplineStatistics", 42, u => HelplineRoles.StatisticsReaders.Any(u.IsInRole)),
        new("/Helpline/Chats", "Nav_HelplineChats", 40, u => HelplineRoles.Staff.Any(u.IsInRole)),
    ];
}
