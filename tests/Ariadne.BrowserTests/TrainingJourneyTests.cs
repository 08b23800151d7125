using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// Issue 16 §4 in a real browser, the Coordinator's office in Azerbaijani and the administrator in Russian, with axe on every
/// screen and the training screens at phone width: the administrator is refused a training-gated role for a new shelter worker;
/// the Coordinator adds a course and a session (first refused for a last day before the first), nominates the worker, marks the
/// session held, records attendance and a pass, and issues the certificate; the administrator then assigns the role that was
/// refused, and the worker's training shows it comes from a certificate.
/// </summary>
public sealed class TrainingJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_certificate_issued_in_the_training_module_unlocks_the_refused_role()
    {
        var (coordinator, _) = await app.SignedInAsync(InstitutionKind.NationalCoordinator, RoleCatalog.Coordinator, "az");
        var (admin, _) = await app.SignedInAsync(InstitutionKind.PlatformAdministration, RoleCatalog.Administrator, "ru");
        var (workerName, _) = await app.CreateUserAsync(InstitutionKind.Shelter, [], withAuthenticator: false, newInstitution: true);
        Guid workerId;
        await using (var scope = app.Services.CreateAsyncScope())
            workerId = (await scope.ServiceProvider.GetRequiredService<UserManager<AriadneUser>>().FindByNameAsync(workerName))!.Id;

        // The administrator: the social-worker role is refused, pointing to the training module.
        await admin.GotoAsync($"/Admin/Users/Edit?id={workerId}");
        await admin.CheckAsync("#role-SocialWorker");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Сохранить роли" }).ClickAsync();
        await admin.WaitForSelectorAsync("#Roles-error");
        var refusal = await admin.Locator("#Roles-error").InnerTextAsync();
        Assert.Contains("Социальный работник", refusal, StringComparison.Ordinal);
        Assert.Contains("«Обучение»", refusal, StringComparison.Ordinal);
        Assert.Equal(0, await admin.Locator("form[action*='handler=AddTraining']").CountAsync());
        await admin.AssertNoViolationsAsync();

        // The Coordinator: a course.
        await coordinator.GotoAsync("/Training");
        Assert.Equal("az", await coordinator.GetAttributeAsync("html", "lang"));
        await coordinator.AssertNoViolationsAsync();
        var code = "VA-" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        await coordinator.Locator("[data-course-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await coordinator.FillAsync("#Course_Code", code);
        await coordinator.FillAsync("#Course_TitleAz", "Qurbanlara yardımın əsasları");
        await coordinator.FillAsync("#Course_TitleRu", "Основы помощи пострадавшим");
        await coordinator.FillAsync("#Course_TitleEn", "Victim assistance basics");
        await coordinator.SelectOptionAsync("#Course_Topic", "VictimAssistance");
        await coordinator.FillAsync("#Course_ValidityMonths", "24");
        await coordinator.FillAsync("#Course_Provider", "BMqT (IOM)");
        await coordinator.Locator("[data-course-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync($"[data-course='{code}']");
        await coordinator.AssertNoViolationsAsync();

        // A session: the last day before the first is refused, at the top and beside the field; then saved.
        var today = BakuToday();
        await coordinator.Locator("[data-session-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        var course = await coordinator.Locator("#Session_CourseId option", new() { HasTextString = code }).GetAttributeAsync("value");
        await coordinator.SelectOptionAsync("#Session_CourseId", course!);
        await FillDateAsync(coordinator, "Session.StartsOn", today);
        await FillDateAsync(coordinator, "Session.EndsOn", today.AddDays(-1));
        await coordinator.FillAsync("#Session_Place", "Gəncə, sığınacaq");
        await coordinator.SelectOptionAsync("#Session_Language", "az");
        await coordinator.FillAsync("#Session_Capacity", "12");
        await coordinator.FillAsync("#Session_Trainers", "Anna Kowalska — IOM");
        await coordinator.Locator("[data-session-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Contains("Son gün birinci gündən əvvəl ola bilməz.", await coordinator.Locator("#Session_EndsOn-error").InnerTextAsync(), StringComparison.Ordinal);
        await coordinator.AssertNoViolationsAsync();
        await FillDateAsync(coordinator, "Session.EndsOn", today);
        await coordinator.Locator("[data-session-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync("[data-session-header]");
        await coordinator.AssertNoViolationsAsync();

        // Nominate the worker, mark the session held, record attendance and the pass, issue the certificate.
        await coordinator.SelectOptionAsync("#Enrol_UserId", workerId.ToString());
        await coordinator.Locator("[data-enrol-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync($"[data-participant='{workerId}']");
        await coordinator.AssertNoViolationsAsync();
        await coordinator.Locator("[data-held]").ClickAsync();
        await coordinator.WaitForSelectorAsync("[data-session-header][data-status='Held']");
        var mark = coordinator.Locator($"[data-mark-form='{workerId}']");
        await mark.Locator("select[name='Mark.Attendance']").SelectOptionAsync("Attended");
        await mark.Locator("select[name='Mark.Result']").SelectOptionAsync("Passed");
        await coordinator.AssertNoViolationsAsync();
        await mark.Locator("button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync($"[data-issue='{workerId}']");
        await coordinator.Locator($"[data-issue='{workerId}']").ClickAsync();
        await coordinator.WaitForSelectorAsync("[data-certificate-number]");
        var number = (await coordinator.Locator("[data-certificate-number]").InnerTextAsync()).Trim();
        Assert.Matches("^TR-[0-9]{4}-[A-Z0-9]{6}$", number);
        await coordinator.AssertNoViolationsAsync();

        // At phone width the session and the certificates read without violations.
        await coordinator.SetViewportSizeAsync(390, 844);
        await coordinator.ReloadAsync();
        await coordinator.AssertNoViolationsAsync();
        await coordinator.GotoAsync("/Training/Certificates");
        Assert.Equal(1, await coordinator.Locator($"[data-certificate='{number}']").CountAsync());
        await coordinator.AssertNoViolationsAsync();
        await coordinator.GotoAsync("/Training");
        await coordinator.AssertNoViolationsAsync();

        // The administrator: now the role is accepted (it waits for the shelter to confirm), and the training is a certificate.
        await admin.GotoAsync($"/Admin/Users/Edit?id={workerId}");
        Assert.Contains("Сертификат", await admin.Locator("[data-training]").InnerTextAsync(), StringComparison.Ordinal);
        await admin.CheckAsync("#role-SocialWorker");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Сохранить роли" }).ClickAsync();
        await admin.WaitForSelectorAsync(".app-notice");
        Assert.Equal(0, await admin.Locator("#Roles-error").CountAsync());
        Assert.Contains("Социальный работник", await admin.Locator("[data-pending]").InnerTextAsync(), StringComparison.Ordinal);
        await admin.SetViewportSizeAsync(390, 844);
        await admin.AssertNoViolationsAsync();
    }

    private DateOnly BakuToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku")).DateTime);

    private static async Task FillDateAsync(IPage page, string name, DateOnly date)
    {
        await page.FillAsync($"input[name='{name}.Day']", date.Day.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"input[name='{name}.Month']", date.Month.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"input[name='{name}.Year']", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
