using Ariadne.Web.Platform.Cli;

namespace Ariadne.Web.Features.Statistics.Output;

/// <summary>The statistics outputs' services, for the statistics module's <c>AddServices</c> to call.</summary>
public static class StatisticsOutputServices
{
    /// <summary>Registers the labels, the CSV/XLSX writer, the annual report and the <c>report annual</c> verb.</summary>
    public static IServiceCollection AddStatisticsOutput(this IServiceCollection services)
    {
        services.AddSingleton<StatLabels>();
        services.AddSingleton<StatTableFiles>();
        services.AddSingleton<AnnualReportPdf>();
        services.AddScoped<IOperatorVerb, ReportAnnualVerb>();
        return services;
    }
}
