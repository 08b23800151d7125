using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Modules;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Identification;

/// <summary>Identification of victims: screening against the ILO indicators, decisions and their reviews, the reflection period.</summary>
public sealed class IdentificationModule : AriadneModule
{
    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IdentificationService>();
        services.AddScoped<Cases.ICaseTaskSource, IdentificationCaseTasks>();
        services.AddOptions<IdentificationOptions>().Bind(configuration.GetSection(IdentificationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentificationOptions>, IdentificationOptions.Validator>();
    }

    public override IEnumerable<AuditAction> AuditActions => IdentificationAudit.All;
}
