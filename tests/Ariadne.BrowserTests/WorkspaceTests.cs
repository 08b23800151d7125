using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Participants;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// The frontline workspace as each role meets it, in Azerbaijani and again in Russian: every page a role
/// works in has no axe violation, fits a 390 px phone and a 1280 px screen without sideways scrolling in
/// normal and in visually-impaired mode, and offers every radio and checkbox as a target of at least
/// 24 × 24 px with its label on the same line (WCAG 2.2 SC 2.5.8). Each role's home shows its work.
/// </summary>
public sealed class WorkspaceTests(BrowserApp app)
{
    [Theory]
    [InlineData("az")]
    [InlineData("ru")]
    public async Task Every_page_fits_a_phone_and_the_visually_impaired_mode_with_no_axe_violation(string culture)
    {
        var (investigator, investigatorName) = await app.SignedInAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, culture);
        var caseId = await app.CreateCaseForAsync(investigatorName, new CaseInput
        {
            GivenName = "Səbinə",
            FamilyName = "Əlizadə",
            DateOfBirth = "2009-04-12",
            Sex = "female",
            Citizenship = "AZE",
            Languages = "az, ru",
            Whereabouts = "Sumqayıt, kirayə mənzil",
            Situation = "Gecə növbəsində işləməyə məcbur edilib",
        });
        var roles = new (InstitutionKind Kind, string Role, string[] Pages)[]
        {
            (InstitutionKind.AntiTraffickingSquad, RoleCatalog.DutyOfficer, ["/", "/Referrals", "/Notifications"]),
            (InstitutionKind.BorderService, RoleCatalog.LawEnforcementOfficer, ["/", "/Referrals/New", "/Account/Security", "/Account/Tokens"]),
            (InstitutionKind.Shelter, RoleCatalog.ShelterManager, ["/", "/Referrals/Onward", "/Accommodation/Shelters", "/Accommodation/Beds?Search.Need=WomanWithChildren"]),
            (InstitutionKind.NationalCoordinator, RoleCatalog.Coordinator, ["/", "/Coordination", "/Coordination/Figures"]),
            (InstitutionKind.Oversight, RoleCatalog.Auditor, ["/", "/Oversight/Reviews", "/Oversight/CaseAccess"]),
            (InstitutionKind.PlatformAdministration, RoleCatalog.Administrator, ["/", "/Admin/Users", "/Admin/Institutions", "/Admin/Users/Create"]),
        };
        var problems = new List<string>();
        // axe in Azerbaijani; in Russian the same pages for fit at both widths and in both modes. axe reads what the two languages
        // share (the same templates, roles, labels' links and colours); what differs is the text, whose length is what breaks a
        // layout, and every string's presence in all three languages is ResourceCompletenessTests'. Each other browser test
        // runs axe in its own language (several in Russian). The two every-page runs were a quarter of the suite's time.
        var axe = culture == "az";
        await CheckPagesAsync(investigator, ["/", "/Cases", $"/Cases/Detail?id={caseId}", $"/Cases/Detail?id={caseId}&tab=person",
            $"/Cases/{caseId}/Edit?section=Identity", $"/Cases/{caseId}/Access", $"/Cases/{caseId}/History",
            $"/Cases/Identification?id={caseId}", $"/Cases/Protection?id={caseId}", $"/Cases/AgeAssessment?id={caseId}",
            $"/Cases/Accommodation?id={caseId}", "/Accommodation/Beds", "/Accommodation/Beds?Search.Need="], problems, axe);
        await investigator.Context.CloseAsync();
        foreach (var (kind, role, pages) in roles)
        {
            var page = await app.SignedInPageAsync(kind, role, culture);
            await CheckPagesAsync(page, pages, problems, axe);
            await page.Context.CloseAsync();
        }
        var anonymous = await app.NewPageAsync(culture);
        await CheckPagesAsync(anonymous, ["/Account/SignIn", "/Status?code=404"], problems, axe);
        await anonymous.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// Each page once: axe (when asked), then 1280 and 390 px in normal mode, then the same widths in visually-impaired
    /// mode. The mode is the <c>vi</c> class the layout puts on the page (LanguageAndAccessibilityTests shows
    /// the cookie sets it), so it is switched on in place rather than by loading every page twice.
    /// </summary>
    private static async Task CheckPagesAsync(IPage page, string[] paths, List<string> problems, bool axe)
    {
        foreach (var path in paths)
        {
            await page.SetViewportSizeAsync(1280, 900);
            var response = await page.GotoAsync(path);
            var status = response?.Status ?? 0;
            if (status != 200 && !path.StartsWith("/Status", StringComparison.Ordinal))
                problems.Add($"{path}: HTTP {status}");
            if (axe)
                await page.AssertNoViolationsAsync();
            foreach (var vi in new[] { false, true })
            {
                if (vi)
                    await page.EvaluateAsync("() => document.documentElement.classList.add('vi')");
                foreach (var width in new[] { 1280, 390 })
                {
                    await page.SetViewportSizeAsync(width, 900);
                    var (scroll, client) = await WidthsAsync(page);
                    if (scroll > client)
                        problems.Add($"{path} at {width} px{(vi ? " (visually impaired)" : "")}: scrolls sideways ({scroll} > {client})");
                }
                foreach (var target in await SmallTargetsAsync(page))
                    problems.Add($"{path}{(vi ? " (visually impaired)" : "")}: {target}");
            }
        }
    }

    private static async Task<(int Scroll, int Client)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        return (widths[0], widths[1]);
    }

    /// <summary>Radios and checkboxes whose target is under 24 × 24 px or whose label is not beside them on the same line.</summary>
    private static async Task<IReadOnlyList<string>> SmallTargetsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("main input[type=radio], main input[type=checkbox]")]
              .filter(i => i.getClientRects().length > 0 && !i.closest("[hidden]"))
              .flatMap(i => {
                const box = i.getBoundingClientRect();
                const label = i.labels && i.labels[0];
                const out = [];
                if (box.width < 24 || box.height < 24) out.push(`#${i.id} is ${Math.round(box.width)}×${Math.round(box.height)} px`);
                if (!label) { out.push(`#${i.id} has no label`); return out; }
                const l = label.getBoundingClientRect();
                if (l.top >= box.bottom || l.bottom <= box.top || l.left < box.left) out.push(`#${i.id}'s label is not beside it on the same line`);
                return out;
              })
            """);

    [Fact]
    public async Task Each_roles_home_shows_its_due_work_and_the_desk_shows_times_with_the_zone()
    {
        var (desk, _) = await app.SignedInAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.DutyOfficer, "az");
        var (border, _) = await app.SignedInAsync(InstitutionKind.BorderService, RoleCatalog.LawEnforcementOfficer, "az");

        // The referrer is offered "make a referral" at home and sends one.
        await border.GotoAsync("/");
        Assert.Equal(1, await border.Locator("[data-home-panel='my-referrals'] a.govuk-button").CountAsync());
        await SendReferralAsync(border, "Ülviyyə", "2001-07-03");

        // The duty officer's home counts what the desk shows as waiting (not yet acknowledged). Other tests
        // refer at the same time, so the two are read until nothing arrived between the readings.
        string? home = null, onDesk = null;
        for (var attempt = 0; attempt < 5 && (home is null || home != onDesk); attempt++)
        {
            await desk.GotoAsync("/");
            home = await desk.Locator("[data-desk-count]").GetAttributeAsync("data-desk-count");
            await desk.GotoAsync("/Referrals");
            onDesk = (await desk.Locator("[data-desk] tbody tr [data-deadline]:not([data-deadline='met'])").CountAsync())
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.NotEqual("0", onDesk);
        Assert.Equal(onDesk, home);
        var deskText = await desk.Locator("[data-desk]").InnerTextAsync();
        Assert.Contains("UTC+04:00", deskText, StringComparison.Ordinal); // Baku time, with its offset
        await desk.AssertNoViolationsAsync();
        await desk.Context.CloseAsync();
        await border.Context.CloseAsync();
    }

    [Fact]
    public async Task A_person_born_five_years_ago_is_a_child_on_the_check_page_without_the_box()
    {
        var (border, _) = await app.SignedInAsync(InstitutionKind.BorderService, RoleCatalog.LawEnforcementOfficer, "ru");
        var born = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddYears(-5);
        await StartReferralAsync(border, "Мадина", born.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await FinishStepsAsync(border);
        var person = await border.Locator("[data-review='Person']").InnerTextAsync();
        Assert.Contains("Да — младше 18 лет по дате рождения", person, StringComparison.Ordinal);
        await border.AssertNoViolationsAsync();
        await border.Context.CloseAsync();
    }

    private static async Task StartReferralAsync(IPage page, string givenName, string born)
    {
        await page.GotoAsync("/Referrals/New");
        await page.FillAsync("#Input_GivenName", givenName);
        await page.FillAsync("#Input_FamilyName", "Sınaq");
        await page.FillAsync("#Input_DateOfBirth", born);
        await page.CheckAsync("input[name='Input.Sex'][value='female']");
        await page.CheckAsync("input[name='Input.Languages'][value='az']");
        await page.ClickAsync("button[formaction*=Next]");
        await page.WaitForSelectorAsync("#Input_Whereabouts");
    }

    private static async Task FinishStepsAsync(IPage page)
    {
        await page.FillAsync("#Input_Whereabouts", "Bakı, dəmiryol vağzalı");
        await page.CheckAsync("input[name='Input.ImmediateDanger'][value='false']");
        await page.ClickAsync("button[formaction*=Next]");
        await page.WaitForSelectorAsync("#Input_Observations");
        await page.FillAsync("#Input_Observations", "Sənədləri yoxdur");
        await page.ClickAsync("button[formaction*=Next]");
        await page.WaitForSelectorAsync("input[name='Input.Consent']");
        await page.CheckAsync("input[name='Input.Consent'][value='Given']");
        await page.ClickAsync("button[formaction*=Next]");
        await page.WaitForSelectorAsync("[data-review='Person']");
    }

    private static async Task SendReferralAsync(IPage page, string givenName, string born)
    {
        await page.Locator("[data-home-panel='my-referrals'] a.govuk-button").ClickAsync();
        await page.WaitForURLAsync("**/Referrals/New");
        await page.FillAsync("#Input_GivenName", givenName);
        await page.FillAsync("#Input_FamilyName", "Sınaq");
        await page.FillAsync("#Input_DateOfBirth", born);
        await page.ClickAsync("button[formaction*=Next]");
        await page.WaitForSelectorAsync("#Input_Whereabouts");
        await FinishStepsAsync(page);
        await page.ClickAsync("button[formaction*=Submit]");
        await page.WaitForURLAsync("**/Referrals/Detail/**");
    }
}
