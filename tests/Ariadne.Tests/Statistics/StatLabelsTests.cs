using Ariadne.Web.Features.Statistics.Output;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Tests.Statistics;

/// <summary>The words of the codes, in the language asked for whatever the thread's culture.</summary>
public sealed class StatLabelsTests
{
    [Theory]
    [InlineData(StatDimension.Sex, "F", "Qadın", "Женщины", "Female")]
    [InlineData(StatDimension.Sex, "?", "Məlum deyil", "Неизвестно", "Unknown")]
    [InlineData(StatDimension.AgeBand, "48+", "48+ yaş", "48+ лет", "48+ years")]
    [InlineData(StatDimension.Exploitation, "sexual", "Cinsi istismar", "Сексуальная эксплуатация", "Sexual exploitation")]
    [InlineData(StatDimension.Region, "Baku", "Bakı", "Баку", "Baku")]
    [InlineData(StatDimension.Region, "1", "Bakı", "Баку", "Baku")]
    [InlineData(StatDimension.InstitutionKind, "Court", "Məhkəmə", "Суд", "Court")]
    [InlineData(StatDimension.Stage, "identified", "Müəyyən edilmiş qurbanlar", "Установленные жертвы", "Identified victims")]
    [InlineData(StatDimension.Category, "no-words-yet", "no-words-yet", "no-words-yet", "no-words-yet")]
    [InlineData(StatDimension.Exploitation, "*", "Cəmi", "Всего", "Total")]
    [InlineData(StatDimension.Year, "2025", "2025", "2025", "2025")]
    public void Codes_have_words_in_each_language(StatDimension dimension, string code, string az, string ru, string en)
    {
        using var services = StatOutputSamples.Services();
        var labels = services.GetRequiredService<StatLabels>();
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("ru");
        try
        {
            Assert.Equal(az, labels.Code(dimension, code, "az"));
            Assert.Equal(ru, labels.Code(dimension, code, "ru"));
            Assert.Equal(en, labels.Code(dimension, code, "en"));
            Assert.Equal("ru", System.Globalization.CultureInfo.CurrentUICulture.Name);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Countries_are_named_in_the_language()
    {
        using var services = StatOutputSamples.Services();
        var labels = services.GetRequiredService<StatLabels>();
        Assert.Equal("Azerbaijan", labels.Code(StatDimension.Citizenship, "AZE", "en"));
        Assert.Equal("Азербайджан", labels.Code(StatDimension.Country, "AZE", "ru"));
        Assert.Equal("Azərbaycan", labels.Code(StatDimension.Country, "AZE", "az"));
        Assert.Equal("ZZZ", labels.Code(StatDimension.Country, "ZZZ", "en"));
    }

    [Fact]
    public void Every_dimension_topic_and_kind_has_words_in_every_language()
    {
        using var services = StatOutputSamples.Services();
        var labels = services.GetRequiredService<StatLabels>();
        foreach (var lang in new[] { "az", "ru", "en" })
        {
            foreach (var d in Enum.GetValues<StatDimension>())
                Assert.NotNull(labels.Find(lang, "StatOut_Dim_" + d));
            foreach (var t in Enum.GetValues<StatTopic>())
            {
                Assert.NotNull(labels.Find(lang, "StatOut_Topic_" + t));
                Assert.NotNull(labels.Find(lang, "StatOut_TopicIntro_" + t));
            }
            foreach (var k in Enum.GetValues<InstitutionKind>())
                Assert.Equal(labels.Find(lang, "Kind_" + k) ?? "(none)", labels.Code(StatDimension.InstitutionKind, k.ToString(), lang));
            foreach (var r in Enum.GetValues<Region>())
                Assert.Equal(labels.Find(lang, "Region_" + r) ?? "(none)", labels.Code(StatDimension.Region, r.ToString(), lang));
            foreach (var f in StatCodes.ExploitationForms)
                Assert.Equal(labels.Find(lang, "Exploitation_" + f) ?? "(none)", labels.Code(StatDimension.Exploitation, f, lang));
        }
    }

    [Fact]
    public void The_suppressed_note_names_the_tables_threshold()
    {
        using var services = StatOutputSamples.Services();
        var labels = services.GetRequiredService<StatLabels>();
        var table = StatOutputSamples.ByExploitation();
        Assert.Contains("5", labels.SuppressedNote(table, "en"), StringComparison.Ordinal);
        Assert.True(StatLabels.HasSuppressed(table));
        Assert.False(StatLabels.HasSuppressed(table with { Cells = [[1]], RowTotals = [1], ColumnTotals = [1], Total = 1 }));
    }
}
