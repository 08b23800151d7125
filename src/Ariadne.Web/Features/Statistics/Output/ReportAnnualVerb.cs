using System.Globalization;
using Ariadne.Web.Platform.Cli;
using Ariadne.Web.Platform.Statistics;

namespace Ariadne.Web.Features.Statistics.Output;

/// <summary>
/// <c>report annual --year YYYY --lang az|ru|en --out FILE.pdf</c>: writes the annual report to parliament from the latest
/// published release of the calendar year, and prints one line (pages, tables); exits 1 when nothing is published for the year.
/// </summary>
public sealed class ReportAnnualVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("report", "annual");

    public string Usage => "report annual --year YYYY --lang az|ru|en --out FILE.pdf";

    public async Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 7 || args[0] != "annual")
            return null;
        string? year = null, lang = null, output = null;
        for (var i = 1; i < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--year" when year is null: year = args[i + 1]; break;
                case "--lang" when lang is null: lang = args[i + 1]; break;
                case "--out" when output is null: output = args[i + 1]; break;
                default: return null;
            }
        }
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1900 or > 9999
            || lang is not ("az" or "ru" or "en") || string.IsNullOrWhiteSpace(output))
            return null;

        var period = new StatPeriod(StatPeriodKind.Calendar, y);
        var set = await services.GetRequiredService<IPublishedStatistics>().LatestAsync(period);
        if (set is null)
            return (1, $"report annual: no statistics release is published for {y}; publish one first");
        var report = services.GetRequiredService<AnnualReportPdf>().Render(set, lang);
        await File.WriteAllBytesAsync(output, report.Pdf);
        return (0, $"report annual: {y} ({lang}), release {set.Number}: {report.Pages} pages, {report.Tables} tables written to {output}");
    }
}
