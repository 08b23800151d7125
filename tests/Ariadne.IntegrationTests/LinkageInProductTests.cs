using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>The linkage library in the product: fuzzy duplicate check on intake, name search (the Coordinator's count: <see cref="NationalCountTests"/>).</summary>
public abstract class LinkageInProductTests(AriadneApp app)
{
    [Fact]
    public async Task The_desk_sees_the_same_person_written_in_Cyrillic_only_among_cases_it_may_see()
    {
        var duty = await app.DutyOfficerAsync();
        var officer = await app.BorderOfficerAsync();
        var desk = CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer);
        var service = (Func<IServiceProvider, CaseService>)(sp => sp.GetRequiredService<CaseService>());
        var visible = await app.WithScopeAsync(sp => service(sp).CreateAsync(desk, new CaseInput { GivenName = "Aynur", FamilyName = "Məmmədova", DateOfBirth = "1998-04-12", Sex = "female", Patronymic = "Əli qızı" }));
        for (var i = 0; i < 8; i++) // other people the desk may see, so the model has a population
            await app.WithScopeAsync(sp => service(sp).CreateAsync(desk, new CaseInput { GivenName = "Person" + i, FamilyName = "Quliyeva", DateOfBirth = $"19{70 + i}-0{1 + (i % 9)}-1{i}" }));
        var (_, hidden) = await app.NewCaseAsync(new CaseInput { GivenName = "Aynur", FamilyName = "Məmmədova", DateOfBirth = "1998-04-12" });

        var input = ReferralSteps.SampleReferral("fz");
        input.GivenName = "Айнур";
        input.FamilyName = "Мамедова";
        input.Patronymic = "Алиевна";
        input.DateOfBirth = "1998-04-12";
        input.DocumentNumber = null;
        var referral = await app.ReferAsync(officer, input);
        using var session = await app.SessionAsync(duty);
        var page = await session.GetAsync($"/Referrals/Detail/{referral.Id}");
        Assert.Contains($"Join to case {visible.Number}", page.Text, StringComparison.Ordinal);
        Assert.Contains("Given name", page.Document.QuerySelector($"label[for='Target_{visible.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.Number, page.Html, StringComparison.Ordinal);

        // The Squad's name search finds her however the name is written; the name is posted, not put in the address.
        var cases = await session.GetAsync("/Cases");
        var found = await session.SubmitAsync(cases, "form[aria-label='Find by name']", new Dictionary<string, string> { ["GivenName"] = "Aynur", ["FamilyName"] = "Mamedova", ["DateOfBirth"] = "1998-04-12" });
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Contains(visible.Number, found.Document.QuerySelector("[data-candidates]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.Number, found.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Mamedova", found.Url, StringComparison.Ordinal);
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AnyAsync(e => e.ActorUserId == duty.Id && e.Purpose == "search.name")));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class LinkageInProductTestsOnPostgres(PostgresApp app) : LinkageInProductTests(app), IClassFixture<PostgresApp>;
