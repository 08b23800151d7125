using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// Issue 15's journey in a real browser, the Squad in Azerbaijani and the prosecutor and court in Russian, with axe on every screen: the investigator opens a
/// criminal file, adds a suspect, takes a PDF into the evidence locker, shares the file with the prosecutor's office and
/// transfers the item to it; the prosecutor reads the file and sends it to court; the court records the verdict and the
/// suspect's conviction. A prosecutor's office the file was not shared with gets 404 for the file and the item.
/// </summary>
public sealed class InvestigationJourneyTests(BrowserApp app)
{
    // One walk in both languages (the Squad in Azerbaijani, the prosecutor and the court in Russian): a second full walk per
    // language doubled the time for no screen the first does not show.
    [Fact]
    public async Task File_evidence_custody_prosecutor_and_verdict()
    {
        const string culture = "az", other = "ru";
        var (squad, _) = await app.SignedInAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, culture);
        var (prosecutor, prosecutorName) = await app.SignedInAsync(InstitutionKind.Prosecution, RoleCatalog.Prosecutor, other);
        var (court, clerkName) = await app.SignedInAsync(InstitutionKind.Court, RoleCatalog.CourtClerk, other);
        var prosecution = await app.InstitutionOfAsync(prosecutorName);
        var courtId = await app.InstitutionOfAsync(clerkName);
        var tag = Guid.NewGuid().ToString("N")[..8];

        // The investigator opens the file from the list page, by the form's own controls.
        await squad.GotoAsync("/Investigations");
        await squad.AssertNoViolationsAsync();
        await squad.Locator("[data-open-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await squad.FillAsync("#Open_Title", "Əməliyyat " + tag);
        await squad.Locator("input[name='Open.Offences'][value='144-1.1']").CheckAsync();
        await squad.Locator("[data-open-form] button[type=submit]").ClickAsync();
        await squad.WaitForSelectorAsync("[data-file-header]");
        Assert.Equal(culture, await squad.GetAttributeAsync("html", "lang"));
        await squad.AssertNoViolationsAsync();
        var fileUrl = squad.Url;

        // A suspect.
        await squad.Locator("[data-party-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await squad.Locator("input[name='Party.Role'][value='Suspect']").CheckAsync();
        await squad.FillAsync("#Party_Name", "Elşən " + tag);
        await squad.Locator("[data-party-form] button[type=submit]").ClickAsync();
        await squad.WaitForSelectorAsync("[data-parties] tr[data-party='Suspect']");

        // Link analysis: an empty entity form is refused (errors at the top and beside the fields, nothing stored); a phone is
        // recorded with its source, grade and handling code; the chart and its table draw it.
        var graphUrl = fileUrl.Replace("/File/", "/Graph/", StringComparison.Ordinal);
        await squad.GotoAsync(fileUrl.Replace("/File/", "/Entities/", StringComparison.Ordinal));
        await squad.Locator("[data-entity-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await squad.Locator("[data-entity-form] button[type=submit]").ClickAsync();
        await squad.WaitForSelectorAsync(".govuk-error-summary");
        Assert.True(await squad.Locator("#Entity_Value-error").CountAsync() == 1);
        Assert.Equal(0, await squad.Locator("[data-entities] tr[data-entity]").CountAsync());
        await squad.AssertNoViolationsAsync();
        await squad.Locator("input[name='Entity.Kind'][value='Phone']").CheckAsync();
        await squad.FillAsync("#Entity_Value", "+99450" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await squad.FillAsync("#Entity_Source", "İfadə " + tag);
        await squad.Locator("#Entity_Reliability").SelectOptionAsync("B2");
        await squad.Locator("#Entity_Handling").SelectOptionAsync("H3");
        await squad.Locator("[data-entity-form] button[type=submit]").ClickAsync();
        await squad.WaitForSelectorAsync("[data-entities] tr[data-entity='Phone']");
        await squad.AssertNoViolationsAsync();
        await squad.GotoAsync(graphUrl);
        await squad.WaitForSelectorAsync("[data-graph] svg");
        Assert.True(await squad.Locator("[data-graph-table] tbody tr").CountAsync() >= 1);
        await squad.AssertNoViolationsAsync();
        await squad.GotoAsync(fileUrl);

        // An empty submission of the evidence form: errors at the top and beside the fields, nothing stored.
        await squad.Locator("[data-evidence-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await squad.Locator("[data-evidence-form] button[type=submit]").ClickAsync();
        await squad.WaitForSelectorAsync(".govuk-error-summary");
        Assert.True(await squad.Locator("#Upload-error").CountAsync() == 1);
        Assert.Equal(0, await squad.Locator("[data-evidence] tr").CountAsync());
        await squad.AssertNoViolationsAsync();

        // The PDF goes into the locker.
        await squad.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "ledger.pdf", MimeType = "application/pdf", Buffer = Ariadne.Web.Features.Investigation.InvestigationDemo.SamplePdf("Ledger " + tag) });
        await squad.FillAsync("#Intake_Description", "Ödəniş dəftəri " + tag);
        await squad.FillAsync("#Intake_Location", "Otaq 2");
        await squad.Locator("[data-evidence-form] button[type=submit]").ClickAsync();
        await squad.WaitForSelectorAsync("[data-evidence] tr[data-evidence-item]");
        await squad.AssertNoViolationsAsync();

        // Shared with the prosecutor's office.
        await squad.Locator("[data-share-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await squad.Locator("#Share_InstitutionId").SelectOptionAsync(prosecution.ToString());
        await squad.FillAsync("#Share_Reason", "İttiham üçün");
        await squad.Locator("[data-share-form] button[type=submit]").ClickAsync();
        await squad.WaitForSelectorAsync("[data-grants] li[data-grant='Prosecutor']");

        // The item's page: the chain of custody; a transfer to the prosecutor's office.
        await squad.Locator("[data-evidence] tr[data-evidence-item] a").ClickAsync();
        await squad.WaitForSelectorAsync("[data-custody]");
        Assert.Equal("sound", await squad.Locator("[data-item]").GetAttributeAsync("data-integrity"));
        await squad.AssertNoViolationsAsync();
        var itemUrl = squad.Url;
        await squad.Locator("[data-custody-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await squad.Locator("input[name='Custody.Kind'][value='Transfer']").CheckAsync();
        await squad.Locator("#Custody_ToInstitutionId").SelectOptionAsync(prosecution.ToString());
        await squad.FillAsync("#Custody_Location", "Prokurorluq");
        await squad.FillAsync("#Custody_Reason", "İttiham aktına əlavə");
        await squad.Locator("[data-custody-form] button[type=submit]").ClickAsync();
        await squad.WaitForSelectorAsync("[data-custody] tr[data-custody-event='Transfer'][data-hash-matched='yes']");
        await squad.AssertNoViolationsAsync();

        // The prosecutor reads the file and the item, downloads it, and sends the file to court.
        await prosecutor.GotoAsync(itemUrl);
        await prosecutor.WaitForSelectorAsync("[data-custody]");
        Assert.Equal(other, await prosecutor.GetAttributeAsync("html", "lang"));
        await prosecutor.AssertNoViolationsAsync();
        var download = await prosecutor.RunAndWaitForDownloadAsync(() => prosecutor.Locator("[data-download-form] button").ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        await prosecutor.GotoAsync(fileUrl);
        Assert.Contains("Elşən " + tag, await prosecutor.Locator("[data-parties]").InnerTextAsync(), StringComparison.Ordinal);
        await prosecutor.AssertNoViolationsAsync();
        await prosecutor.GotoAsync(graphUrl);
        await prosecutor.WaitForSelectorAsync("[data-graph-table]");
        await prosecutor.AssertNoViolationsAsync();
        await prosecutor.GotoAsync(fileUrl);
        await prosecutor.Locator("[data-stage-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await prosecutor.Locator("input[name='Stage.Stage'][value='IndictmentToCourt']").CheckAsync();
        await FillDateAsync(prosecutor, "Stage.On", Today());
        await prosecutor.Locator("#Stage_CourtInstitutionId").SelectOptionAsync(courtId.ToString());
        await prosecutor.Locator("[data-stage-form] button[type=submit]").ClickAsync();
        await prosecutor.WaitForSelectorAsync("[data-file-header][data-stage='IndictmentToCourt']");
        await prosecutor.AssertNoViolationsAsync();

        // The court records the verdict and the conviction.
        await court.GotoAsync(fileUrl);
        await court.AssertNoViolationsAsync();
        await court.Locator("[data-stage-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await court.Locator("input[name='Stage.Stage'][value='Verdict']").CheckAsync();
        await FillDateAsync(court, "Stage.On", Today());
        await court.Locator("[data-stage-form] button[type=submit]").ClickAsync();
        await court.WaitForSelectorAsync("[data-file-header][data-stage='Verdict']");
        await court.Locator("[data-outcome-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await court.Locator("#Outcome_PartyId option:not([value=''])").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var suspect = await court.Locator("#Outcome_PartyId option:not([value=''])").First.GetAttributeAsync("value");
        await court.Locator("#Outcome_PartyId").SelectOptionAsync(suspect!);
        await court.Locator("input[name='Outcome.Outcome'][value='Convicted']").CheckAsync();
        await court.FillAsync("#Outcome_SentenceMonths", "84");
        await court.Locator("[data-outcome-form] button[type=submit]").ClickAsync();
        await court.WaitForSelectorAsync("[data-parties] [data-outcome='Convicted']");
        await court.AssertNoViolationsAsync();

        // Another prosecutor's office: neither the file nor the item exists for it.
        var (stranger, _) = await app.SignedInAsync(InstitutionKind.Prosecution, RoleCatalog.Prosecutor, other, newInstitution: true);
        Assert.Equal(404, (await stranger.GotoAsync(fileUrl))!.Status);
        Assert.Equal(404, (await stranger.GotoAsync(itemUrl))!.Status);
    }

    private DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku")).DateTime);

    private static async Task FillDateAsync(IPage page, string name, DateOnly date)
    {
        await page.FillAsync($"input[name='{name}.Day']", date.Day.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"input[name='{name}.Month']", date.Month.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"input[name='{name}.Year']", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
