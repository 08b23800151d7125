using Ariadne.Web.Features.Staff;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// The national training programme (issue 16 §4): courses, sessions, trainers, nominations, attendance and certificates. A
/// certificate is what unlocks the training-gated roles (it makes the <see cref="TrainingRecord"/> the role checks read),
/// and its expiry prompts a refresher. The Coordinator's office manages the programme; institutions nominate their own staff.
/// </summary>
public sealed class TrainingModule : AriadneModule
{
    public const string ReadScope = "trainings.read";
    public const string WriteScope = "trainings.write";
    public const string ReadPolicy = "api:trainings.read";
    public const string WritePolicy = "api:trainings.write";

    public override IReadOnlyList<Type> DependsOn => [typeof(StaffModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Platform.Statistics.IStatisticsSource, TrainingStatistics>();
        services.AddOptions<TrainingOptions>().Bind(configuration.GetSection(TrainingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Trainings>();
        services.AddHostedService<TrainingRefresherJob>();
        services.AddScoped<IDemoData, TrainingDemo>();
        services.AddScoped<IHomePanel, TrainingHomePanel>();
    }

    public override void AddPolicies(AuthorizationOptions options)
    {
        ApiScope.AddPolicy(options, ReadPolicy, null, ReadScope, WriteScope);
        ApiScope.AddPolicy(options, WritePolicy, null, WriteScope);
    }

    public override void MapApi(RouteGroupBuilder v1) => v1.MapTrainingApi();

    public override IEnumerable<ApiScope> ApiScopes =>
    [
        new(ReadScope, u => u.Identity?.IsAuthenticated == true),
        new(WriteScope, u => u.IsInRole(RoleCatalog.Coordinator)),
    ];

    public override IEnumerable<AuditAction> AuditActions => TrainingAudit.All;

    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Training/Index", "Nav_Training", 4, u => u.Identity?.IsAuthenticated == true && !u.IsInRole(RoleCatalog.Administrator), NavigationArea.Coordination, "Nav_TrainingHint"),
    ];
}
