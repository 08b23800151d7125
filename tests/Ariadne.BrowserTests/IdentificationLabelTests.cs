using Ariadne.Web.Platform.Participants;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// Issue 9 item 14 in a real browser: on the identification page, a click on any label changes its own
/// control and no other, and the indicators ticked through their labels are the ones saved.
/// </summary>
public sealed class IdentificationLabelTests(BrowserApp app)
{
    private const string Snapshot = """
        () => Array.from(document.querySelectorAll('input[type=checkbox], input[type=radio]')).map(i => ({ id: i.id, name: i.name, checked: i.checked }))
        """;

    private const string OwnIndex = """
        l => Array.from(document.querySelectorAll('input[type=checkbox], input[type=radio]')).indexOf(l.parentElement.querySelector('input[type=checkbox], input[type=radio]'))
        """;

    private sealed class Control
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public bool Checked { get; set; }
    }

    [Fact]
    public async Task Every_label_on_the_identification_page_changes_exactly_its_own_control()
    {
        var page = await app.SignedInPageAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, "en");
        await page.GotoAsync("/Cases/New");
        await page.FillAsync("#Input_GivenName", "Aygün");
        await page.FillAsync("#Input_FamilyName", "Nəsibova");
        await page.FillAsync("#Input_Whereabouts", "Bakı");
        await page.ClickAsync("form.app-form button.govuk-button");
        await page.WaitForURLAsync("**/Cases/Detail**");
        var caseId = new Uri(page.Url).Query.Split("id=")[1].Split('&')[0];
        await page.GotoAsync($"/Cases/Identification?id={caseId}");
        // The indicators are grouped in collapsed <details>: open them all, so that every label can be clicked.
        await page.EvaluateAsync("() => document.querySelectorAll('main details').forEach(d => d.open = true)");

        var labels = await page.Locator("main label[for]").AllAsync();
        Assert.True(labels.Count > 60, $"only {labels.Count} labels");
        var clicked = 0;
        foreach (var label in labels)
        {
            // The label's own control is the one rendered beside it, found without ids (ids are what went wrong).
            var own = await label.EvaluateAsync<int>(OwnIndex);
            var before = await page.EvaluateAsync<Control[]>(Snapshot);
            await label.ClickAsync();
            var after = await page.EvaluateAsync<Control[]>(Snapshot);
            var changed = Enumerable.Range(0, before.Length).Where(i => before[i].Checked != after[i].Checked).ToList();
            if (own < 0)
            {
                // A label of a text field: it focuses its own field and ticks nothing.
                Assert.Empty(changed);
                Assert.True(await label.EvaluateAsync<bool>("l => document.activeElement === l.parentElement.querySelector('input, textarea, select')"),
                    $"the label for {await label.GetAttributeAsync("for")} did not focus its own field");
                continue;
            }
            clicked++;
            var name = await label.GetAttributeAsync("for");
            var radio = await label.EvaluateAsync<bool>("l => l.parentElement.querySelector('input').type === 'radio'");
            Assert.True(changed.Contains(own) || radio && before[own].Checked, $"the label for {name} did not change its own control");
            // Only its own control changes; choosing a radio button also clears the one chosen before in its own group.
            Assert.All(changed, i => Assert.True(i == own || radio && before[i].Name == before[own].Name, $"the label for {name} changed control {after[i].Id}"));
        }
        Assert.True(clicked > 60, $"only {clicked} labels of checkboxes and radio buttons");

        await page.EvaluateAsync("() => document.querySelectorAll('main details').forEach(d => d.open = true)");
        // Clear everything, then tick two indicators of different dimensions through their labels and save.
        await page.Locator("form[action*='handler=Screen'] input[type=checkbox]").EvaluateAllAsync<bool>("all => { all.forEach(i => i.checked = false); return true; }");
        foreach (var code in new[] { "cd-threat", "ex-hours" })
        {
            var id = await page.Locator($"input[name='Screening.Operational'][value='{code}']").GetAttributeAsync("id");
            await page.Locator($"label[for='{id}']").ClickAsync();
        }
        await page.ClickAsync("form[action*='handler=Screen'] button[type=submit]");
        await page.WaitForSelectorAsync(".app-notice");
        var saved = await page.Locator("input[name='Screening.Operational']:checked").EvaluateAllAsync<string[]>("all => all.map(i => i.value)");
        Assert.Equal(["cd-threat", "ex-hours"], saved.Order());
    }
}
