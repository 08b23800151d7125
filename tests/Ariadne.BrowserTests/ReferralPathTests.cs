using System.Text.RegularExpressions;
using Ariadne.Web.Platform.Participants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// The whole National Referral Mechanism path in a real browser (in Azerbaijani; the words are there for Russian too), with
/// axe on every page visited: a border officer refers, the duty desk is told live and acknowledges and
/// hands the case to an investigator, who screens, identifies, records consent and refers the person
/// to a shelter, which accepts. At each step the test checks what each of the four may and may not see.
/// </summary>
public sealed partial class ReferralPathTests(BrowserApp app)
{
    private sealed record Words(string Received, string TakenForward, string Accepted, string Identified);

    private static readonly Dictionary<string, Words> Expected = new()
    {
        ["az"] = new("Daxil olub, hələ təsdiqlənməyib", "Bölmə tərəfindən işə götürülüb", "Qəbul edildi. İş paylaşılan məlumatla artıq sizə açıqdır.", "Qurban (identifikasiya olunub)"),
        ["ru"] = new("Получено, ещё не подтверждено", "Принято в работу подразделением", "Принято. Дело теперь доступно вам с переданными данными.", "Жертва (идентифицирована)"),
    };

    // One language per long journey, to keep the suite inside CI's time on two cores: this one in Azerbaijani, the care
    // journey in Russian (both languages stay in the data, so either runs in both by adding its line). Every page the two
    // visit is axe-checked in both languages by WorkspaceTests, and this class checks the Coordinator's pages in Russian.
    [Theory]
    [InlineData("az")]
    public async Task A_referral_travels_from_the_border_to_a_shelter_and_each_person_sees_only_their_part(string culture)
    {
        var words = Expected[culture];
        var (desk, _) = await app.SignedInAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.DutyOfficer, culture);
        var (investigator, investigatorName) = await app.SignedInAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, culture);
        var (border, _) = await app.SignedInAsync(InstitutionKind.BorderService, RoleCatalog.LawEnforcementOfficer, culture);
        var (shelter, shelterName) = await app.SignedInAsync(InstitutionKind.Shelter, RoleCatalog.ShelterManager, culture);
        var familyName = culture == "az" ? "Qasımova" : "Касымова";

        // The duty desk watches its queue; the stream is connected before anything is sent.
        await desk.GotoAsync("/Referrals");
        await desk.WaitForSelectorAsync("[data-desk][data-live=on]");
        await desk.AssertNoViolationsAsync();
        await desk.EvaluateAsync("() => { window.__sameDocument = true; }");

        // 1. The border officer refers, one page at a time; errors first.
        await border.GotoAsync("/Referrals/New");
        await border.AssertNoViolationsAsync();
        await border.ClickAsync("button[formaction*=Next]");
        await border.WaitForSelectorAsync(".govuk-error-summary");
        await border.AssertNoViolationsAsync();
        await border.FillAsync("#Input_GivenName", "Nərgiz");
        await border.FillAsync("#Input_FamilyName", familyName);
        await border.FillAsync("#Input_DateOfBirth", "14.02.2000");
        await border.CheckAsync("input[name='Input.Sex'][value='female']");
        // Citizenship is picked by its name in the page's language; the code is what is sent.
        await border.FillAsync("#Input_Citizenship", culture == "az" ? "Özbəkistan" : "Узбекистан");
        await border.ClickAsync("#Input_Citizenship__option--0");
        await border.CheckAsync("input[name='Input.Languages'][value='uz']");
        await border.CheckAsync("#Input_NeedsInterpreter");
        await border.ClickAsync("button[formaction*=Next]");
        await border.WaitForSelectorAsync("#Input_Whereabouts");
        await border.AssertNoViolationsAsync();
        await border.FillAsync("#Input_Whereabouts", "Astara, sərhəd məntəqəsi");
        await border.CheckAsync("#Input_ImmediateDanger_1");
        await border.ClickAsync("button[formaction*=Next]");
        await border.WaitForSelectorAsync("#Input_Indicators");
        await border.AssertNoViolationsAsync();
        await border.CheckAsync("#Input_Indicators_6"); // retention of identity documents
        await border.CheckAsync("#Input_Exploitation_1"); // sexual exploitation
        await border.FillAsync("#Input_Observations", "Pasport müşayiətçidədir");
        // The statement is attached here, with what was observed, and appears on the check page.
        await border.SetInputFilesAsync("#Files", new FilePayload { Name = "izahat.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 izahat"u8.ToArray() });
        await border.ClickAsync("button[formaction*=Next]");
        await border.WaitForSelectorAsync("#Input_Consent");
        await border.AssertNoViolationsAsync();
        await border.CheckAsync("#Input_Consent_0");
        await border.ClickAsync("button[formaction*=Next]");
        await border.WaitForSelectorAsync("button[formaction*=Submit]");
        await border.AssertNoViolationsAsync();
        Assert.Contains("izahat.pdf", await border.Locator("[data-review='Indicators']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(familyName, await border.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await border.ClickAsync("button[formaction*=Submit]");
        await border.WaitForURLAsync("**/Referrals/Detail/**");
        await border.AssertNoViolationsAsync();
        var referralUrl = new Uri(border.Url).AbsolutePath;
        var number = ReferralNumber().Match(await border.Locator("h1").InnerTextAsync()).Value;
        Assert.Contains(words.Received, await border.Locator("[data-referral-status]").InnerTextAsync(), StringComparison.Ordinal);

        // 2. The desk sees it arrive without reloading, acknowledges it and hands it to the investigator.
        await desk.WaitForSelectorAsync($"tr[data-referral='{number}']", new() { Timeout = 15_000 });
        Assert.True(await desk.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the desk page was reloaded");
        // Announced as new (read out by the live region): an open referral the stream had not seen before.
        Assert.StartsWith((await desk.Locator("[data-desk-new-text]").TextContentAsync())!.Trim(), (await desk.Locator("[data-desk-status]").TextContentAsync())!.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(familyName, await desk.Locator("[data-desk]").InnerTextAsync(), StringComparison.Ordinal);
        await desk.AssertNoViolationsAsync();
        Assert.Equal(404, (await investigator.GotoAsync(referralUrl))!.Status); // not yet the investigator's
        await investigator.AssertNoViolationsAsync();
        Assert.Equal(404, (await shelter.GotoAsync(referralUrl))!.Status);

        await desk.ClickAsync($"tr[data-referral='{number}'] a");
        await desk.WaitForURLAsync("**/Referrals/Detail/**");
        await desk.AssertNoViolationsAsync();
        Assert.Contains(familyName, await desk.Locator("[data-referral-content]").InnerTextAsync(), StringComparison.Ordinal);
        await SubmitAsync(desk, "form[action*='handler=Acknowledge'] button");
        await desk.WaitForSelectorAsync(".app-notice");
        await desk.AssertNoViolationsAsync();
        await desk.CheckAsync("#Target_new");
        await desk.SelectOptionAsync("#InvestigatorUserName", new SelectOptionValue { Value = investigatorName });
        await SubmitAsync(desk, "form[action*='handler=Dispatch'] button[type=submit]");
        await desk.WaitForSelectorAsync(".app-notice");
        await desk.AssertNoViolationsAsync();

        // 3. The investigator has the case; the desk handed it over; the referrer sees only the status.
        await investigator.GotoAsync("/Cases");
        await investigator.AssertNoViolationsAsync();
        await investigator.ClickAsync("main tbody a");
        await investigator.WaitForURLAsync("**/Cases/Detail**");
        var caseUrl = new Uri(investigator.Url).PathAndQuery;
        var caseId = caseUrl.Split("id=")[1];
        Assert.Contains(familyName, await investigator.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await investigator.AssertNoViolationsAsync();
        var caseNumber = CaseNumber().Match(await investigator.Locator("h1").InnerTextAsync()).Value;
        Assert.Equal(404, (await desk.GotoAsync(caseUrl))!.Status);
        await border.ReloadAsync();
        Assert.Contains(words.TakenForward, await border.Locator("[data-referral-status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(caseNumber, await border.ContentAsync(), StringComparison.Ordinal);
        await border.AssertNoViolationsAsync();
        Assert.Equal(404, (await border.GotoAsync(caseUrl))!.Status);

        // 4. Screening and the identification decision.
        await investigator.GotoAsync($"/Cases/Identification?id={caseId}");
        await investigator.AssertNoViolationsAsync();
        // The indicators are grouped in collapsed sections: open them, as a person would.
        await investigator.EvaluateAsync("() => document.querySelectorAll('main details').forEach(d => d.open = true)");
        foreach (var code in new[] { "dr-job", "dr-wages", "ex-hours", "ex-salary", "cd-documents", "cd-threat" })
            await investigator.CheckAsync($"input[name='Screening.Operational'][value='{code}']");
        await investigator.CheckAsync("input[name='Screening.ForcedLabour'][value='documents']");
        await investigator.ClickAsync("form[action*='handler=Screen'] button[type=submit]");
        await investigator.WaitForSelectorAsync("[data-suggestion=yes]");
        await investigator.AssertNoViolationsAsync();
        await investigator.CheckAsync("input[name='Decision.Status'][value='Actual']");
        await investigator.FillAsync("#Decision_Rationale", "Aldadıcı işə götürmə, pasportun alınması, təyinat yerində hədələr.");
        await SubmitAsync(investigator, "form[action*='handler=Decide'] button[type=submit]");
        await investigator.WaitForSelectorAsync(".app-notice");
        Assert.Contains(words.Identified, await investigator.Locator("[data-trafficking-status]").InnerTextAsync(), StringComparison.Ordinal);
        await investigator.AssertNoViolationsAsync();

        // 5. Consent for services and for sharing with the shelter, then the onward referral.
        await investigator.GotoAsync($"/Cases/Protection?id={caseId}");
        await investigator.AssertNoViolationsAsync();
        var shelterOption = (await app.InstitutionOfAsync(shelterName)).ToString(); // other tests may have made more shelters
        // One consent step covers both purposes.
        foreach (var purpose in new[] { "Services", "DataSharing" })
            await investigator.CheckAsync($"input[name='Consent.Purposes'][value='{purpose}']");
        await investigator.SelectOptionAsync("#Consent_RecipientInstitutionId", shelterOption!);
        await investigator.CheckAsync("input[name='Consent.Form'][value='Written']");
        await SubmitAsync(investigator, "form[action*='handler=Consent'] button[type=submit]");
        Assert.Empty(await investigator.Locator(".govuk-error-summary").AllInnerTextsAsync());
        await investigator.WaitForSelectorAsync(".app-notice");
        await investigator.AssertNoViolationsAsync();
        await investigator.CheckAsync("input[name='Onward.Relation'][value='Shelter']");
        await investigator.SelectOptionAsync("#Onward_RecipientInstitutionId", shelterOption!);
        foreach (var dataClass in new[] { "Identity", "Health", "Care" })
            await investigator.CheckAsync($"input[name='Onward.Share'][value='{dataClass}']");
        await investigator.FillAsync("#Onward_Note", "Gecə üçün yer lazımdır");
        await SubmitAsync(investigator, "form[action*='handler=Onward'] button[type=submit]");
        Assert.True(await investigator.Locator(".govuk-error-summary").CountAsync() == 0, await investigator.Locator("main").InnerTextAsync());
        await investigator.WaitForSelectorAsync(".app-notice");
        await investigator.AssertNoViolationsAsync();

        // 6. The shelter sees the request, not the case, until it accepts; then Identity but never Investigation.
        Assert.Equal(404, (await shelter.GotoAsync(caseUrl))!.Status);
        await shelter.AssertNoViolationsAsync();
        await shelter.GotoAsync("/Referrals/Onward");
        await shelter.AssertNoViolationsAsync();
        Assert.Contains("Gecə üçün yer lazımdır", await shelter.Locator($"tr[data-onward='{caseNumber}']").InnerTextAsync(), StringComparison.Ordinal);
        await SubmitAsync(shelter, $"tr[data-onward='{caseNumber}'] form[action*='handler=Accept'] button");
        await shelter.WaitForSelectorAsync(".app-notice");
        Assert.Contains(words.Accepted, await shelter.Locator(".app-notice").InnerTextAsync(), StringComparison.Ordinal);
        await shelter.AssertNoViolationsAsync();
        await shelter.GotoAsync(caseUrl);
        var seen = await shelter.Locator("main").InnerTextAsync();
        Assert.Contains(familyName, seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Pasport müşayiətçidədir", seen, StringComparison.Ordinal); // the situation is Investigation
        Assert.DoesNotContain("Astara", seen, StringComparison.Ordinal); // whereabouts were not shared
        await shelter.AssertNoViolationsAsync();
        Assert.Equal(404, (await shelter.GotoAsync(referralUrl))!.Status);

        // The border officer, still: the status of its referral, not the case.
        Assert.Equal(404, (await border.GotoAsync(caseUrl))!.Status);

        foreach (var page in new[] { desk, investigator, border, shelter })
            await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_coordinators_dashboard_and_the_name_search_are_accessible_in_Russian()
    {
        var (coordinator, _) = await app.SignedInAsync(InstitutionKind.NationalCoordinator, RoleCatalog.Coordinator, "ru");
        // The count is the daily snapshot: take one (the job may already have), then read it.
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Ariadne.Web.Features.Coordination.NationalCount>().SnapshotAsync();
        await coordinator.GotoAsync("/Coordination/Figures");
        await coordinator.WaitForSelectorAsync("[data-national-count]");
        await coordinator.AssertNoViolationsAsync();
        await coordinator.Context.CloseAsync();

        var (squad, _) = await app.SignedInAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, "ru");
        await squad.GotoAsync("/Cases");
        await squad.FillAsync("#GivenName", "Лейла");
        await squad.FillAsync("#FamilyName", "Рагимова");
        await SubmitAsync(squad, "form[aria-label='Найти по имени'] button");
        await squad.WaitForSelectorAsync("#candidates-heading");
        Assert.DoesNotContain("Рагимова", Uri.UnescapeDataString(squad.Url), StringComparison.Ordinal);
        await squad.AssertNoViolationsAsync();
        await squad.Context.CloseAsync();
    }

    /// <summary>Clicks a submit button and waits until the next document has loaded (the old one may show a notice too).</summary>
    private static async Task SubmitAsync(IPage page, string selector)
    {
        await page.EvaluateAsync("() => { window.__leaving = true; }");
        await page.ClickAsync(selector);
        await page.WaitForFunctionAsync("() => window.__leaving !== true && document.readyState === 'complete'");
    }

    [GeneratedRegex(@"REF-\d{4}-\d{6}")]
    private static partial Regex ReferralNumber();

    [GeneratedRegex(@"[A-Z]{2}-\d{4}-\d{6}")]
    private static partial Regex CaseNumber();
}
