using System.Security.Claims;
using Ariadne.Web.Features.Coordination;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// Meetings of the participants (issue 16 §2; the plan's §4): the Coordinator's office schedules them and invites
/// institutions and people, who get an iCalendar file each; agenda, attendance, minutes, decisions and action items with
/// owners and due days; reminders and escalation when an item is overdue; the owner's items on their home page.
/// </summary>
public sealed class MeetingsModule : AriadneModule
{
    public const string ReadScope = "meetings.read";
    public const string WriteScope = "meetings.write";
    public const string ReadPolicy = "api:meetings.read";
    public const string WritePolicy = "api:meetings.write";

    /// <summary>After the coordination module: its demo users and action plan are there when the meetings' demo runs.</summary>
    public override IReadOnlyList<Type> DependsOn => [typeof(CoordinationModule)];

    /// <summary>Anyone who may take part in a meeting: every role but oversight and platform administration (the service decides what each sees).</summary>
    public static bool Participant(ClaimsPrincipal u) =>
        RoleCatalog.All.Any(r => !CoordinationMeetings.ExcludedRoles.Contains(r.Name) && u.IsInRole(r.Name));

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MeetingsOptions>().Bind(configuration.GetSection(MeetingsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CoordinationMeetings>();
        services.AddHostedService<MeetingReminderJob>();
        services.AddScoped<IHomePanel, MeetingsHomePanel>();
        services.AddScoped<IDemoData, MeetingsDemo>();
    }

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, ReadPolicy, null, ReadScope, WriteScope);
        ApiScope.AddPolicy(options, WritePolicy, null, WriteScope);
    }

    public override void MapApi(RouteGroupBuilder v1) => v1.MapMeetingsApi();

    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(ReadScope, Participant),
        new(WriteScope, Participant),
    ];

    public override IEnumerable<AuditAction> AuditActions => MeetingsAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Meetings/Index", "Nav_Meetings", 3, Participant, NavigationArea.Coordination, "Nav_MeetingsHint"),
    ];
}
