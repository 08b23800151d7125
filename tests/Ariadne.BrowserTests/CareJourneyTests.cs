using System.Security.Claims;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// Issue 13's journey in a real browser (in Russian; it is written for Azerbaijani too), with axe on every screen: the shelter accepts the
/// referral and admits the person, the Squad refers a service, the provider accepts it and records a session, the shelter
/// discharges with consent to follow-up and records the first follow-up. Each participant sees only their part: the
/// provider never the shelter's address, the Squad not the address once the stay has ended, the border officer who referred
/// the person only "placement confirmed" with the day (no shelter, address, bed or chosen name), and the guard on shift at
/// the shelter only the name the person chose at admission, until the discharge, and never the case.
/// </summary>
public sealed class CareJourneyTests(BrowserApp app)
{
    // In Russian only, to keep the suite inside CI's time on two cores (the referral path runs in Azerbaijani): the journey
    // is written for both languages, and every page it visits is axe-checked in both by WorkspaceTests.
    [Theory]
    [InlineData("ru")]
    public async Task Placement_services_discharge_and_follow_up_each_participant_seeing_only_their_part(string culture)
    {
        var (squad, investigatorName) = await app.SignedInAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, culture);
        var (shelter, managerName) = await app.SignedInAsync(InstitutionKind.Shelter, RoleCatalog.ShelterManager, culture);
        var (provider, _) = await app.SignedInAsync(InstitutionKind.ServiceProvider, RoleCatalog.ServiceProfessional, culture);
        var (referrer, referrerName) = await app.SignedInAsync(InstitutionKind.BorderService, RoleCatalog.LawEnforcementOfficer, culture);
        var (guard, guardName) = await app.SignedInAsync(InstitutionKind.SecurityPolice, RoleCatalog.SecurityOfficer, culture);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (shelterName, address, bedLabel, alias) = ("Sığınacaq " + tag, "Gizli küçə " + tag, "Otaq-" + tag, "Mələk" + tag[..3]);
        // The border officer referred the person; the duty desk opened the case and handed it to the investigator.
        var (referral, caseId, caseNumber) = await ReferredCaseAsync(referrerName, investigatorName);
        var (shelterId, onwardId, providerInstitution) = await ArrangeAsync(investigatorName, managerName, caseId, shelterName, address, bedLabel);
        await GuardOnShiftAsync(managerName, guardName, shelterId);
        string[] notForReferrer = [shelterName, address, bedLabel, alias];

        // The shelter accepts the referral from its inbox, then admits the person to its bed and reads its own address.
        await shelter.GotoAsync("/Referrals/Onward");
        await shelter.AssertNoViolationsAsync();
        await shelter.Locator($"form[action*='{onwardId}'][action*='Accept'] button").ClickAsync();
        await shelter.WaitForLoadStateAsync();
        await shelter.GotoAsync($"/Cases/Accommodation?id={caseId}");
        await shelter.AssertNoViolationsAsync();
        var bedId = await BedAsync(shelterId);
        await shelter.Locator($"input[name='BedId'][value='{bedId}']").CheckAsync();
        await shelter.Locator("form[action*='handler=Admit'] input[name='Alias']").FillAsync(alias); // the name the person chose, for the guards
        await shelter.Locator("form[action*='handler=Admit'] button[type=submit]").ClickAsync();
        await shelter.WaitForSelectorAsync("[data-current-stay]");
        Assert.Contains(address, await shelter.Locator("[data-stay-address]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(alias, (await shelter.Locator("[data-stay-alias]").InnerTextAsync()).Trim());
        Assert.Equal(culture, await shelter.GetAttributeAsync("html", "lang"));
        await shelter.AssertNoViolationsAsync();

        // The referrer reads "placement confirmed" with the day on the referral, and a notice; never where, which bed or the chosen name.
        await referrer.GotoAsync($"/Referrals/Detail/{referral.Id}");
        Assert.Equal(PlacementConfirmedOn[culture](UiDay(BakuToday())), (await referrer.Locator("[data-placement-confirmed]").InnerTextAsync()).Trim());
        await AssertNoneAsync(referrer, notForReferrer);
        await referrer.AssertNoViolationsAsync();
        await referrer.GotoAsync("/Notifications");
        Assert.Contains(referral.Number, await referrer.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await AssertNoneAsync(referrer, notForReferrer);
        await referrer.AssertNoViolationsAsync();
        await referrer.GotoAsync("/");
        await AssertNoneAsync(referrer, notForReferrer);
        await referrer.AssertNoViolationsAsync();
        Assert.Equal(404, (await referrer.GotoAsync($"/Cases/Accommodation?id={caseId}"))!.Status);
        await AssertNoneAsync(referrer, notForReferrer);

        // The guard on shift reads the person by the chosen name only: no surname, case number, birth date or address, and no case.
        await guard.GotoAsync("/Accommodation/Guard");
        Assert.Equal([alias], (await guard.Locator("[data-present-name]").AllInnerTextsAsync()).Select(n => n.Trim()));
        await AssertNoneAsync(guard, ["Qasımova", "Nərmin", caseNumber, "14.03.1998", "1998-03-14", address, bedLabel, "/Cases/", caseId.ToString()]);
        Assert.DoesNotContain("1998", await guard.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await guard.AssertNoViolationsAsync();
        Assert.Equal(404, (await guard.GotoAsync($"/Cases/Detail?id={caseId}"))!.Status);
        Assert.Equal(404, (await guard.GotoAsync($"/Cases/Accommodation?id={caseId}"))!.Status);

        // The provider cannot see the case before a service reaches it.
        Assert.Equal(404, (await provider.GotoAsync($"/Cases/Services?id={caseId}"))!.Status);

        // The Squad refers a psychological service to the provider, by keyboard-reachable form controls.
        await squad.GotoAsync($"/Cases/Services?id={caseId}");
        await squad.AssertNoViolationsAsync();
        await squad.Locator("[data-refer-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await squad.Locator("input[name='Refer.Type'][value='Psychological']").CheckAsync();
        await squad.Locator("#Refer_ProviderInstitutionId").SelectOptionAsync(providerInstitution.ToString());
        await squad.Locator("input[name='Refer.Share'][value='Health']").CheckAsync(); // the sessions are recorded under it
        await squad.Locator("[data-refer-form] button[type=submit]").ClickAsync();
        await squad.WaitForSelectorAsync("[data-service='Psychological']");
        await squad.AssertNoViolationsAsync();

        // The provider accepts from its inbox and records a session; nowhere does it read the shelter's address.
        await provider.GotoAsync("/Referrals/Onward");
        await provider.AssertNoViolationsAsync();
        var serviceOnward = await OnwardToAsync(caseId, Relation.ServiceProvider);
        await provider.Locator($"form[action*='{serviceOnward}'][action*='Accept'] button").ClickAsync();
        await provider.WaitForLoadStateAsync();
        await provider.GotoAsync($"/Cases/Services?id={caseId}");
        var today = BakuToday();
        var service = await provider.Locator("#SessionServiceId option:not([value=''])").First.GetAttributeAsync("value");
        await provider.Locator("#SessionServiceId").SelectOptionAsync(service!);
        await FillDateAsync(provider, "Session.HeldOn", today);
        await provider.FillAsync("#Session_Minutes", "50");
        await provider.FillAsync("#Session_Outcome", "İlk görüş, yuxu pozğunluğu");
        await provider.Locator("[data-session-form] button[type=submit]").ClickAsync();
        await provider.WaitForSelectorAsync("[data-sessions] tr[data-session], .govuk-error-summary");
        Assert.Equal("", await provider.Locator(".govuk-error-summary").CountAsync() > 0 ? await provider.Locator(".govuk-error-summary").InnerTextAsync() : "");
        Assert.Equal(1, await provider.Locator("[data-sessions] tr[data-session]").CountAsync());
        await provider.AssertNoViolationsAsync();
        Assert.DoesNotContain(address, await provider.ContentAsync(), StringComparison.Ordinal);
        var providerStay = await provider.GotoAsync($"/Cases/Accommodation?id={caseId}");
        Assert.DoesNotContain(address, await provider.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(200, providerStay!.Status);

        // The shelter discharges with consent to follow-up: four follow-ups are planned, and the first is recorded.
        await shelter.GotoAsync($"/Cases/Accommodation?id={caseId}");
        await FillDateAsync(shelter, "Discharge.On", today);
        await shelter.Locator("input[name='Discharge.Reason'][value='PlanCompleted']").CheckAsync();
        await shelter.Locator("input[name='Discharge.Destination'][value='Family']").CheckAsync();
        await shelter.Locator("input[name='Discharge.FollowUpConsent'][value='true']").CheckAsync();
        await shelter.Locator("form[action*='handler=Discharge'] button[type=submit]").ClickAsync();
        await shelter.WaitForSelectorAsync("[data-follow-ups]");
        Assert.Equal(4, await shelter.Locator("tr[data-follow-up]").CountAsync());
        await shelter.AssertNoViolationsAsync();
        await shelter.Locator("input[name='FollowUp.Reached'][value='true']").CheckAsync();
        await shelter.Locator("input[name='FollowUp.Situation'][value='Stable']").CheckAsync();
        await shelter.Locator("form[action*='handler=FollowUp'] button[type=submit]").ClickAsync();
        await shelter.WaitForSelectorAsync("tr[data-follow-up='1'][data-follow-up-state='done']");
        await shelter.AssertNoViolationsAsync();

        // The person has left: the guard board no longer holds her; the referrer still learns nothing of the place.
        await guard.GotoAsync("/Accommodation/Guard");
        Assert.Equal(0, await guard.Locator("[data-present-name]").CountAsync());
        await AssertNoneAsync(guard, [alias]);
        await guard.AssertNoViolationsAsync();
        await referrer.GotoAsync($"/Referrals/Detail/{referral.Id}");
        await AssertNoneAsync(referrer, notForReferrer);

        // The Squad reads the stay as ended, without the address of a place the person has left, and the service as under way (a session was recorded).
        await squad.GotoAsync($"/Cases/Accommodation?id={caseId}");
        Assert.Equal(0, await squad.Locator("[data-current-stay]").CountAsync());
        Assert.DoesNotContain(address, await squad.ContentAsync(), StringComparison.Ordinal);
        await squad.AssertNoViolationsAsync();
        await squad.GotoAsync($"/Cases/Services?id={caseId}");
        Assert.Equal("InProgress", await squad.GetAttributeAsync("[data-service='Psychological']", "data-service-state"));

        // At phone width the accommodation tab still fits.
        await shelter.SetViewportSizeAsync(390, 900);
        await shelter.GotoAsync($"/Cases/Accommodation?id={caseId}");
        Assert.True(await shelter.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        foreach (var page in new[] { squad, shelter, provider, referrer, guard })
            await page.Context.CloseAsync();
    }

    /// <summary>"Placement confirmed on {day}", as the referral page says it.</summary>
    private static readonly Dictionary<string, Func<string, string>> PlacementConfirmedOn = new()
    {
        ["az"] = day => $"Yerləşdirmə {day} tarixində təsdiqləndi",
        ["ru"] = day => $"Размещение подтверждено {day}",
    };

    private static string UiDay(DateOnly day) => day.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>None of the words anywhere in the page's source.</summary>
    private static async Task AssertNoneAsync(IPage page, IEnumerable<string> words)
    {
        var html = await page.ContentAsync();
        foreach (var word in words)
            Assert.False(html.Contains(word, StringComparison.Ordinal), $"{page.Url} shows \"{word}\"");
    }

    /// <summary>
    /// A border officer's referral, through the real intake, which the duty desk turns into a case for the investigator
    /// (as the desk does on its page). Returns the referral, the case and its number.
    /// </summary>
    private async Task<(Referral Referral, Guid CaseId, string CaseNumber)> ReferredCaseAsync(string referrerName, string investigatorName)
    {
        var (dutyName, _) = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.DutyOfficer], withAuthenticator: false, trainings: true);
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var (submitted, referral) = await sp.GetRequiredService<ReferralIntake>().SubmitAsync(ViewerOf((await users.FindByNameAsync(referrerName))!, RoleCatalog.LawEnforcementOfficer),
            new ReferralInput
            {
                GivenName = "Nərmin",
                FamilyName = "Qasımova",
                DateOfBirth = "1998-03-14",
                Sex = "female",
                Languages = "az, ru",
                Whereabouts = "Astara, sərhəd məntəqəsi",
                ImmediateDanger = false,
                Indicators = ["documents"],
                Exploitation = ["sexual"],
                Consent = ReferralConsent.Given,
            }, [], Guid.NewGuid().ToString());
        Assert.Equal(ReferralIntake.SubmitOutcome.Created, submitted);
        var (dispatched, caseId, _) = await sp.GetRequiredService<ReferralDispatch>()
            .DispatchAsync(ViewerOf((await users.FindByNameAsync(dutyName))!, RoleCatalog.DutyOfficer), referral!.Id, investigatorName, null);
        Assert.Equal(ReferralActionOutcome.Done, dispatched);
        var number = await sp.GetRequiredService<AriadneDbContext>().Cases.Where(c => c.Id == caseId).Select(c => c.Number).SingleAsync();
        return (referral, caseId!.Value, number);
    }

    /// <summary>
    /// The guard's shelter-security training runs to a day ahead (checked at every use), and the shelter's manager puts the
    /// guard on an eight-hour shift there from this hour, on the roster's service.
    /// </summary>
    private async Task GuardOnShiftAsync(string managerName, string guardName, Guid shelterId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AriadneDbContext>();
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var guard = (await users.FindByNameAsync(guardName))!;
        await db.Set<TrainingRecord>().Where(t => t.UserId == guard.Id && t.Topic == TrainingTopic.ShelterSecurity)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.ValidUntil, BakuToday().AddDays(90)));
        var baku = TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku"));
        Assert.Empty((await sp.GetRequiredService<GuardService>().AddShiftAsync(ViewerOf((await users.FindByNameAsync(managerName))!, RoleCatalog.ShelterManager), [RoleCatalog.ShelterManager],
            new() { ShelterId = shelterId, Guard = guardName, Day = DateOnly.FromDateTime(baku.DateTime), StartHour = baku.Hour, Hours = 8 }))!);
    }

    /// <summary>Today on the app's clock, in the zone staff work in (the forms take Baku dates).</summary>
    private DateOnly BakuToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku")).DateTime);

    private static async Task FillDateAsync(IPage page, string name, DateOnly date)
    {
        await page.FillAsync($"input[name='{name}.Day']", date.Day.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"input[name='{name}.Month']", date.Month.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"input[name='{name}.Year']", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Viewer ViewerOf(AriadneUser user, params string[] roles) =>
        Viewer.Of(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(AriadneClaims.InstitutionId, user.InstitutionId.ToString()),
             .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test")));

    /// <summary>The shelter with its one bed, consent for the shelter and the provider, and the Squad's onward referral to the shelter.</summary>
    private async Task<(Guid ShelterId, Guid OnwardId, Guid ProviderInstitution)> ArrangeAsync(string investigatorName, string managerName, Guid caseId, string name, string address, string bedLabel)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AriadneDbContext>();
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var manager = ViewerOf((await users.FindByNameAsync(managerName))!, RoleCatalog.ShelterManager);
        var investigator = ViewerOf((await users.FindByNameAsync(investigatorName))!, RoleCatalog.Investigator);
        string[] managerRoles = [RoleCatalog.ShelterManager];
        var shelters = sp.GetRequiredService<ShelterService>();
        Assert.Empty((await shelters.SaveShelterAsync(manager, managerRoles, null, new() { Name = name, Ownership = ShelterOwnership.Ngo, Languages = "az,ru", Address = address }))!);
        var shelterId = await db.Set<Shelter>().Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
        Assert.Empty((await shelters.AddBedAsync(manager, managerRoles, new() { ShelterId = shelterId, Label = bedLabel, Restriction = BedRestriction.Women }))!);
        // The test users share one institution per kind: the provider signed in above works for this one.
        var providerInstitution = await db.Institutions.Where(i => i.Kind == InstitutionKind.ServiceProvider).Select(i => i.Id).SingleAsync();
        var consents = sp.GetRequiredService<ConsentService>();
        var today = BakuToday();
        foreach (var recipient in new[] { manager.InstitutionId, providerInstitution })
            Assert.Empty((await consents.RecordConsentAsync(investigator, caseId, new() { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = recipient, Form = ConsentForm.Written, GivenOn = today }))!);
        Assert.Empty((await sp.GetRequiredService<OnwardService>().SendAsync(investigator, caseId, new() { Relation = Relation.Shelter, RecipientInstitutionId = manager.InstitutionId, Share = [DataClass.Identity, DataClass.Care] }))!);
        return (shelterId, await OnwardToAsync(caseId, Relation.Shelter), providerInstitution);
    }

    private async Task<Guid> OnwardToAsync(Guid caseId, Relation relation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AriadneDbContext>().OnwardReferrals
            .Where(o => o.CaseId == caseId && o.Relation == relation).Select(o => o.Id).SingleAsync();
    }

    private async Task<Guid> BedAsync(Guid shelterId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AriadneDbContext>().Set<Bed>().Where(b => b.ShelterId == shelterId).Select(b => b.Id).SingleAsync();
    }
}
