using Ariadne.Web.Features.Meetings;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// Issue 16 §2 in a real browser, the Coordinator in Azerbaijani and a ministry in Russian, with axe on every screen: the
/// Coordinator is refused a meeting without a subject and ending before it starts (errors at the top and beside the fields),
/// schedules it with an agenda, records the minutes and an action item for the ministry, and approves the minutes (then
/// read-only: only an amendment is offered). The item's due day passes and the reminder job escalates it; the ministry sees
/// it overdue on its home card with the escalation notice, opens the meeting, is refused closing it without a note, and marks
/// it done — also at phone width. Another ministry gets 404.
/// </summary>
public sealed class MeetingJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Schedule_minutes_action_item_overdue_escalation_and_the_owner_marks_it_done()
    {
        var (coordinator, _) = await app.SignedInAsync(InstitutionKind.NationalCoordinator, RoleCatalog.Coordinator, "az");
        var (ministry, ministryName) = await app.SignedInAsync(InstitutionKind.ExecutiveBody, RoleCatalog.ExecutiveOfficer, "ru", newInstitution: true);
        var (other, _) = await app.SignedInAsync(InstitutionKind.ExecutiveBody, RoleCatalog.ExecutiveOfficer, "ru", newInstitution: true);
        var ministryId = await app.InstitutionOfAsync(ministryName);
        var today = BakuToday();

        // The Coordinator's list, then the new meeting's form.
        await coordinator.GotoAsync("/Meetings");
        Assert.Equal("az", await coordinator.GetAttributeAsync("html", "lang"));
        await coordinator.AssertNoViolationsAsync();
        await coordinator.Locator("[data-new-meeting]").ClickAsync();
        await coordinator.WaitForSelectorAsync("form[data-meeting-form]");
        await coordinator.AssertNoViolationsAsync();

        // No subject, and it ends before it starts: errors at the top and beside the fields; nothing scheduled.
        await FillDateAsync(coordinator, "Form.When.Day", today);
        await coordinator.FillAsync("#Form_When_From", "11:00");
        await coordinator.FillAsync("#Form_When_Until", "10:00");
        await coordinator.FillAsync("#Form_When_Place", "Bakı, Əlaqələndiricinin aparatı, iclas zalı");
        await coordinator.Locator($"input[name='Form.Institutions'][value='{ministryId}']").CheckAsync();
        await coordinator.Locator("form[data-meeting-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(1, await coordinator.Locator("#Form_Title-error").CountAsync());
        Assert.Equal(1, await coordinator.Locator("#Form_When_Until-error").CountAsync());
        await coordinator.AssertNoViolationsAsync();

        // Corrected: scheduled, with its agenda.
        var title = "Rüblük əlaqələndirmə görüşü " + Guid.NewGuid().ToString("N")[..4];
        await coordinator.FillAsync("#Form_Title", title);
        await coordinator.FillAsync("#Form_When_From", "09:00");
        await coordinator.FillAsync("#Form_When_Until", "10:30");
        await coordinator.FillAsync("#Form_Agenda", "Rübün yekunları\nSığınacaqlarda yerlər");
        await coordinator.Locator("form[data-meeting-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync("[data-meeting-header]");
        Assert.Equal(2, await coordinator.Locator("[data-agenda-item]").CountAsync());
        await coordinator.AssertNoViolationsAsync();
        var meetingUrl = coordinator.Url;
        var number = await coordinator.GetAttributeAsync("[data-meeting-header]", "data-number");

        // The minutes, then an action item for the ministry, due today.
        await coordinator.Locator("form[data-minutes-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await coordinator.FillAsync("#MinutesText", "Rübün yekunları müzakirə olundu. Nazirlik qaydaların layihəsini təqdim edəcək.");
        await coordinator.Locator("form[data-minutes-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync("[data-minutes='Draft']");
        await coordinator.Locator("form[data-action-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await coordinator.FillAsync("#Action_Title", "Qaydaların layihəsini Əlaqələndiriciyə təqdim etmək");
        await coordinator.Locator("#Action_OwnerInstitutionId").SelectOptionAsync(ministryId.ToString());
        await FillDateAsync(coordinator, "Action.DueOn", today);
        await coordinator.Locator("form[data-action-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync($"[data-action-item='{number}/1']");
        await coordinator.AssertNoViolationsAsync();

        // Approved: read-only from now on, only an amendment (a new version) is offered.
        await coordinator.Locator("form[data-approve-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync("[data-minutes='Approved']");
        Assert.Equal(0, await coordinator.Locator("form[data-approve-form]").CountAsync());
        Assert.Contains("düzəliş", await coordinator.Locator("form[data-minutes-form]").Locator("xpath=ancestor::details").Locator("summary").InnerTextAsync(), StringComparison.Ordinal);
        await coordinator.AssertNoViolationsAsync();

        // The due day passes. Moving the shared clock by a day would end every other test's 15-minute session, so the item's
        // due day is moved back instead, and the reminder job's work runs as the job runs it.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
            var meetingId = await db.Meetings.Where(m => m.Number == number).Select(m => m.Id).SingleAsync();
            var item = await db.ActionItems.SingleAsync(a => a.MeetingId == meetingId);
            item.DueOn = today.AddDays(-1);
            await db.SaveChangesAsync();
        }
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<CoordinationMeetings>().RemindAndEscalateAsync();

        // The ministry: overdue on its home card, with the escalation notice.
        await ministry.GotoAsync("/");
        var card = ministry.Locator("[data-home-panel='meeting-actions']");
        await card.WaitForAsync();
        Assert.Contains(number + "/1", await card.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Просрочено", await card.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"Поручение {number}/1 просрочено.", await ministry.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await ministry.AssertNoViolationsAsync();
        await card.Locator("a", new() { HasTextString = number + "/1" }).ClickAsync();
        await ministry.WaitForSelectorAsync($"[data-action-item='{number}/1'][data-overdue='true']");
        Assert.Equal(0, await ministry.Locator("form[data-minutes-form]").CountAsync());
        await ministry.AssertNoViolationsAsync();

        // Without a note: refused, errors at the top and beside the note.
        var form = ministry.Locator($"form[data-item-form='{number}/1']");
        await form.Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await ministry.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(1, await ministry.Locator("#Status_Note-error").CountAsync());
        Assert.Equal("Open", await ministry.GetAttributeAsync($"[data-action-item='{number}/1']", "data-status"));
        await ministry.AssertNoViolationsAsync();

        // With a note, by keyboard: done.
        await ministry.FocusAsync("#Status_Note");
        await ministry.Keyboard.TypeAsync("Проект правил направлен письмом № 12/345.");
        await ministry.Keyboard.PressAsync("Tab");
        await ministry.Keyboard.PressAsync("Enter");
        await ministry.WaitForSelectorAsync($"[data-action-item='{number}/1'][data-status='Done']");
        await ministry.AssertNoViolationsAsync();

        // At phone width the list and the meeting read without violations.
        await ministry.SetViewportSizeAsync(390, 844);
        await ministry.GotoAsync("/Meetings");
        Assert.Equal(1, await ministry.Locator($"[data-meeting='{number}']").CountAsync());
        await ministry.AssertNoViolationsAsync();
        await ministry.GotoAsync(meetingUrl);
        await ministry.AssertNoViolationsAsync();
        await coordinator.SetViewportSizeAsync(390, 844);
        await coordinator.GotoAsync(meetingUrl);
        await coordinator.AssertNoViolationsAsync();

        // Another ministry: not found.
        var response = await other.GotoAsync(meetingUrl);
        Assert.Equal(404, response!.Status);
        await other.GotoAsync("/Meetings");
        Assert.Equal(0, await other.Locator($"[data-meeting='{number}']").CountAsync());
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
