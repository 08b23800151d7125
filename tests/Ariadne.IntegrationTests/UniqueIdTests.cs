using System.Net;
using AngleSharp.Html.Dom;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Issue 9 item 14: every id on every page is unique, every label points at exactly one control, and the
/// identification page's indicator labels tick their own boxes. Screenings saved before the fix are
/// flagged for review by the migration. On both databases.
/// </summary>
public abstract class UniqueIdTests(DemoWorldApp app)
{
    /// <summary>Duplicate ids, and labels whose <c>for</c> names no control or several, on one page.</summary>
    public static IEnumerable<string> IdProblems(IHtmlDocument document)
    {
        var ids = document.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        foreach (var duplicate in ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return $"id '{duplicate.Key}' x{duplicate.Count()}";
        foreach (var label in document.QuerySelectorAll("label[for]"))
            if (ids.Count(i => i == label.GetAttribute("for")) != 1)
                yield return $"label for '{label.GetAttribute("for")}' matches {ids.Count(i => i == label.GetAttribute("for"))} elements";
    }

    [Fact]
    public async Task Every_page_reachable_by_each_role_has_unique_ids_and_labels_for_one_control()
    {
        var pages = await app.PagesAsync();
        // One demo account of every role (and a liaison officer, who sees more than a plain officer).
        string[] users = ["coordinator", "analyst", "duty", "investigator", "identifier", "chief", "police", "police.liaison", "guard", "prosecutor",
            "clerk", "operator", "helpline.supervisor", "shelter", "socialworker", "doctor", "partner", "ministry", "auditor", "admin"];
        var problems = new List<string>();
        var rendered = 0;
        var identificationForms = 0;
        foreach (var user in users.Order(StringComparer.Ordinal))
        {
            using var session = await app.DemoSessionAsync(user);
            // Every page of the sweep's list, then every link reachable from them (ids of real cases and referrals come from the links).
            var queue = new Queue<string>(pages.Where(p => !p.Path.Contains('{', StringComparison.Ordinal)).Select(p => p.Path));
            var seen = new HashSet<string>(queue, StringComparer.Ordinal);
            // A case's own pages come first (identification, protection), so that the workspace's many tabs
            // and edit sections do not use up the budget before them.
            // The budget counts the pages fetched beyond the listed ones (not the links found, which grow with every module's
            // lists), so that a longer list of pages does not crowd out the cases' own.
            var first = new Queue<string>();
            var budget = seen.Count + 50;
            var fetched = 0;
            while ((queue.Count > 0 || first.Count > 0) && fetched < budget)
            {
                fetched++;
                var url = first.Count > 0 ? first.Dequeue() : queue.Dequeue();
                using var response = await session.Client.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                    continue;
                var page = await WebSession.Page.ReadAsync(response);
                rendered++;
                if (page.Path == "/Cases/Identification" && page.Document.QuerySelector("form[action*='handler=Screen']") is not null)
                    identificationForms++;
                problems.AddRange(IdProblems(page.Document).Select(p => $"{user} {url}: {p}"));
                foreach (var link in page.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                    if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.Contains("SignOut", StringComparison.OrdinalIgnoreCase)
                        && !link.Contains("handler=", StringComparison.OrdinalIgnoreCase) && seen.Add(link))
                        (link.StartsWith("/Cases/Identification", StringComparison.Ordinal) || link.StartsWith("/Cases/Protection", StringComparison.Ordinal) ? first : queue).Enqueue(link);
            }
        }
        Assert.True(rendered > users.Length * 5, $"only {rendered} pages rendered");
        Assert.True(identificationForms > 0, "no identification page with the screening form was reached");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    [Fact]
    public async Task Each_indicator_label_names_its_own_checkbox_and_the_ticked_values_are_saved()
    {
        using var session = await app.DemoSessionAsync("investigator");
        var caseId = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.Select(c => c.Id).FirstAsync());
        var page = await session.GetAsync($"/Cases/Identification?id={caseId}");
        var form = page.Document.QuerySelector("form[action*='handler=Screen']");
        Assert.NotNull(form);
        Assert.Empty(IdProblems(page.Document));
        var boxes = form.QuerySelectorAll("input[type=checkbox][name='Screening.Operational']").OfType<IHtmlInputElement>().ToList();
        Assert.Equal(Indicators.Operational.Count, boxes.Count);
        foreach (var box in boxes)
        {
            var label = form.QuerySelector($"label[for='{box.Id}']");
            Assert.NotNull(label);
            Assert.Equal(Indicators.Find(box.Value)!.Dimension.ToString(), box.Closest("fieldset")!.Id!["Screening_Operational_".Length..]);
        }

        string[] chosen = ["dr-job", "cr-violence", "ex-hours", "cd-threat"];
        var saved = await session.SubmitAsync(page, "form[action*='handler=Screen']", new Dictionary<string, string> { ["Screening.Operational"] = WebSession.Many(chosen) });
        Assert.Equal(chosen.Order(), saved.Document.QuerySelectorAll("input[name='Screening.Operational']:checked").OfType<IHtmlInputElement>().Select(i => i.Value).Order());
    }

    [Fact]
    public async Task Screenings_saved_before_the_fix_are_flagged_for_review_and_a_new_screening_clears_the_flag()
    {
        using var session = await app.DemoSessionAsync("investigator");
        var caseId = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.Select(c => c.Id).OrderBy(c => c).LastAsync());
        var page = await session.GetAsync($"/Cases/Identification?id={caseId}");
        var first = await session.SubmitAsync(page, "form[action*='handler=Screen']", new Dictionary<string, string> { ["Screening.Operational"] = WebSession.Many("dr-job", "cd-threat") });
        Assert.Null(first.Document.QuerySelector("[data-screening-needs-review]"));

        // Replay the upgrade: back to the schema before the ScreeningNeedsReview migration, then forward again.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var all = db.Database.GetMigrations().ToList();
            var before = all[all.FindIndex(m => m.EndsWith("_ScreeningNeedsReview", StringComparison.Ordinal)) - 1];
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(before);
            await migrator.MigrateAsync();
        });
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Screenings.Where(s => s.CaseId == caseId).AllAsync(s => s.NeedsReview)));

        var flagged = await session.GetAsync($"/Cases/Identification?id={caseId}");
        Assert.Contains("Review the indicators of this screening", flagged.Document.QuerySelector("[data-screening-needs-review]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(["cd-threat", "dr-job"], flagged.Document.QuerySelectorAll("input[name='Screening.Operational']:checked").OfType<IHtmlInputElement>().Select(i => i.Value).Order());

        var reviewed = await session.SubmitAsync(flagged, "form[action*='handler=Screen']", new Dictionary<string, string> { ["Screening.Operational"] = WebSession.Many("dr-job") });
        Assert.Null(reviewed.Document.QuerySelector("[data-screening-needs-review]"));
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Screenings.CountAsync(s => s.CaseId == caseId && !s.NeedsReview)));
    }
}

[Collection(SqliteDemoWorld.Name)]
public sealed class UniqueIdTestsOnSqlite(SqliteDemoWorldApp app) : UniqueIdTests(app);

// Ids and labels are a property of the HTML, not of the database: the crawl runs once, on SQLite.
