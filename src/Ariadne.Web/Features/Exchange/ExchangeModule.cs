using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Cli;
using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// Exchange with the international standards (issue 17 §4, docs/exchange.md): CTDC files in as aggregate reference data
/// and out k-anonymised from the statistics' victim facts; HTCDS case records out pseudonymised and in as protection cases.
/// The operator's verbs only: nothing is served on a page or the API.
/// </summary>
public sealed class ExchangeModule : AriadneModule
{
    public override IReadOnlyList<Type> DependsOn => [typeof(CasesModule), typeof(IdentificationModule), typeof(ReferralsModule)];

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CtdcImporter>();
        services.AddScoped<CtdcExporter>();
        services.AddScoped<HtcdsExporter>();
        services.AddScoped<HtcdsImporter>();
        services.AddScoped<IOperatorVerb, CtdcImportVerb>();
        services.AddScoped<IOperatorVerb, CtdcExportVerb>();
        services.AddScoped<IOperatorVerb, HtcdsExportVerb>();
        services.AddScoped<IOperatorVerb, HtcdsImportVerb>();
    }

    public override IEnumerable<AuditAction> AuditActions => ExchangeAudit.All;
}
