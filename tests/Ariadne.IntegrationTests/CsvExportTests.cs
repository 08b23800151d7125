using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Issue 9 item 11: the oversight export goes through the one CSV writer — on both databases.</summary>
public abstract class CsvExportTests(AriadneApp app)
{
    [Fact]
    public async Task The_case_access_export_neutralises_formulas_and_is_utf8_with_a_bom()
    {
        var (investigator, view) = await app.NewCaseAsync();
        const string formula = "=HYPERLINK(\"http://x\",\"y\")";
        const string institution = "İnsan Alverinə Qarşı — Управление";
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            await db.Users.Where(u => u.Id == investigator.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, formula));
            await db.Institutions.Where(i => i.Id == investigator.InstitutionId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Name, institution));
        });

        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        using var oversight = app.NewSession();
        await oversight.SignInAsync(app, auditor);
        using var response = await oversight.Client.GetAsync($"/Oversight/CaseAccess?Number={view.Number}&handler=Export");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new System.Text.UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("at,action,outcome,user,institution,relation,purpose,client_address,node\r\n", text, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"," + institution + ",", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", text, StringComparison.Ordinal);
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class CsvExportTestsOnPostgres(PostgresApp app) : CsvExportTests(app), IClassFixture<PostgresApp>;
