using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Cli;
using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.Operations;

/// <summary>
/// The operator's backup and restore (<c>backup --out FILE</c>, <c>restore --from FILE</c>). The copying itself is the
/// platform's (<c>Platform/Backup</c>, every table of the model); this module adds what needs the modules: erasing again
/// the people on the erasure list, and the checks after a restore (<c>evidence verify</c>, a sample decrypt).
/// </summary>
public sealed class OperationsModule : AriadneModule
{
    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(InvestigationModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IOperatorVerb, BackupVerb>();
        services.AddSingleton<IOperatorVerb, RestoreVerb>();
        services.AddSingleton<IOperatorVerb, ErasuresApplyVerb>();
        services.AddScoped<RestoreChecks>();
    }

    public override IEnumerable<AuditAction> AuditActions => OperationsAudit.All;
}
