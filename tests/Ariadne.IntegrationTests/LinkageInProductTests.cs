using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Participants;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>The linkage library in the product: fuzzy duplicate check on intake, name search, the Coordinator's count without identities.</summary>
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

    [Fact]
    public async Task The_coordinator_counts_unique_people_across_institutions_and_sees_no_identity()
    {
        await using var own = new AriadneApp(app.Provider);
        await own.InitializeAsync();
        var duty = await own.DutyOfficerAsync();
        var officer = await own.BorderOfficerAsync();
        var desk = CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer);
        string[] given = ["Aynur", "Leyla", "Nigar", "Günay", "Səbinə", "Aysel", "Nərmin"];
        string[] family = ["Məmmədova", "Əliyeva", "Hüseynova", "Həsənova", "Quliyeva", "Qasımova", "Cəfərova"];
        for (var i = 0; i < 7; i++)
            await own.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().CreateAsync(desk,
                new CaseInput { GivenName = given[i], FamilyName = family[i], DateOfBirth = $"199{i}-0{i + 1}-1{i}", DocumentNumber = $"AZE1000000{i}" }));
        // The border service referred two of the same people, written its own way.
        foreach (var (g, f, d, doc) in new[] { ("Aynur", "Mammadova", "1990-01-10", "AZE10000000"), ("Leyla", "Aliyeva", "1991-02-11", "AZE10000001") })
        {
            var input = ReferralSteps.SampleReferral();
            (input.GivenName, input.FamilyName, input.DateOfBirth, input.DocumentNumber) = (g, f, d, doc);
            await own.ReferAsync(officer, input);
        }
        var coordinator = await own.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]);
        using var session = await own.SessionAsync(coordinator);
        var page = await session.GetAsync("/Coordination");
        var counted = await session.SubmitAsync(page, "form[action*='handler=Count']");
        // 9 records and 7 people, rounded to 5 so that counts taken around one new record cannot be differenced.
        Assert.Equal("10", counted.Document.QuerySelector("[data-records]")!.TextContent.Trim());
        Assert.Equal("5", counted.Document.QuerySelector("[data-unique]")!.TextContent.Trim());
        Assert.Contains("fewer than 5", counted.Text, StringComparison.Ordinal); // the overlap of 2 is a small cell
        foreach (var name in given.Concat(family).Append("Mammadova"))
            Assert.DoesNotContain(name, counted.Html, StringComparison.Ordinal);
        Assert.True(await own.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AnyAsync(e => e.Action == AuditAction.NationalCount && e.ActorUserId == coordinator.Id)));
    }
}

public sealed class LinkageInProductTestsOnSqlite(SqliteApp app) : LinkageInProductTests(app), IClassFixture<SqliteApp>;

public sealed class LinkageInProductTestsOnPostgres(PostgresApp app) : LinkageInProductTests(app), IClassFixture<PostgresApp>;
