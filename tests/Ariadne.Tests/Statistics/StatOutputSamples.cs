using Ariadne.Web.Features.Statistics.Output;
using Ariadne.Web.Platform.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Tests.Statistics;

/// <summary>Released tables built by hand (no database) and the outputs' services as the application registers them.</summary>
internal static class StatOutputSamples
{
    public static ServiceProvider Services(IPublishedStatistics? published = null)
    {
        var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddStatisticsOutput();
        if (published is not null)
            services.AddSingleton(published);
        return services.BuildServiceProvider();
    }

    /// <summary>Victims by sex (F, M, X, unknown) and age band (the nine CTDC bands and unknown), some cells suppressed.</summary>
    public static ReleasedTable SexByAge()
    {
        var rows = new[] { "F", "M", "X", "?" };
        var columns = StatCodes.AgeBands.Append("?").ToArray();
        var cells = new List<IReadOnlyList<int?>>();
        for (var i = 0; i < rows.Length; i++)
            cells.Add([.. columns.Select((_, j) => (i + j) % 4 == 1 ? (int?)null : 10 + (i * 13) + (j * 7))]);
        var rowTotals = new List<int?> { 431, null, 88, 57 };
        var columnTotals = columns.Select((_, j) => j == 3 ? (int?)null : 100 + j).ToList();
        return new ReleasedTable("victims.sex-age", "Stat_Stage_identified", StatTopic.Victims, StatDimension.Sex, StatDimension.AgeBand,
            rows, columns, cells, rowTotals, columnTotals, 912, 3, Greta: "1", Tip: "victims");
    }

    /// <summary>Presumed victims by form of exploitation, one column.</summary>
    public static ReleasedTable ByExploitation()
    {
        var rows = StatCodes.ExploitationForms.Take(5).Append("?").ToArray();
        IReadOnlyList<int?> values = [41, null, 6, 0, 23, null];
        return new ReleasedTable("victims.exploitation", "Stat_Stage_presumed", StatTopic.Victims, StatDimension.Exploitation,
            StatDimension.None, rows, [ReleasedTable.All], [.. values.Select(v => (IReadOnlyList<int?>)[v])], values, [77], 77, 5);
    }

    /// <summary>A long table: identified victims by citizenship, 90 rows.</summary>
    public static ReleasedTable LongByCitizenship()
    {
        var codes = new[] { "AZE", "RUS", "GEO", "TUR", "IRN", "UZB", "KAZ", "UKR", "ARM", "ARE" };
        var rows = Enumerable.Range(0, 90).Select(i => i < codes.Length ? codes[i] : "Z" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var values = rows.Select((_, i) => i % 9 == 4 ? (int?)null : 3 + i).ToList();
        return new ReleasedTable("victims.citizenship", "StatOut_Dim_Citizenship", StatTopic.Victims, StatDimension.Citizenship,
            StatDimension.None, rows, [ReleasedTable.All], [.. values.Select(v => (IReadOnlyList<int?>)[v])], values, [4000], 4000, 3);
    }

    /// <summary>Criminal files by stage (the justice section), with a category code that reads like a formula.</summary>
    public static ReleasedTable JusticeByStage() =>
        new("justice.files", "StatOut_Topic_Justice", StatTopic.Justice, StatDimension.Stage, StatDimension.Category,
            ["identified", "=HYPERLINK(\"http://x\")"], ["referred", "+cmd", "-2", "@SUM(A1)", "\tlead", "\rcr", "plain, \"quoted\""],
            [[5, null, 7, 8, 9, 10, 11], [12, 13, null, 15, 16, 17, 18]], [null, 101], [17, 13, null, 23, 25, 27, 29], 150, 3);

    public static PublishedSet Set(params ReleasedTable[] tables) =>
        new(Guid.Parse("6d1c3a52-0f0e-4d5b-9a51-5e8a3f4d2c11"), "2025-C-07", new StatPeriod(StatPeriodKind.Calendar, 2025),
            new DateTimeOffset(2026, 2, 14, 9, 0, 0, TimeSpan.Zero), tables);

    public static PublishedSet FullSet() => Set(SexByAge(), ByExploitation(), LongByCitizenship(), JusticeByStage());
}
