using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// The anonymous web chat in a real browser: a visitor writes from /chat, an operator takes the chat in the console and
/// replies, the visitor reads the reply, then leaves by pressing Shift three times. The quick exit replaces the page in
/// history, and the browser keeps nothing of the chat: no sessionStorage, no localStorage, no cookie. axe on /chat in az and ru.
/// </summary>
public sealed class ChatTests(BrowserApp app)
{
    private const string Shots = "/tmp/chatshots";

    [Fact]
    public async Task A_visitor_chats_with_an_operator_and_leaves_by_quick_exit_keeping_nothing()
    {
        Directory.CreateDirectory(Shots);
        var (console, _) = await app.SignedInAsync(InstitutionKind.Helpline, RoleCatalog.HelplineOperator, "en");

        var visitor = await app.NewPageAsync(culture: null);
        var errors = new List<string>();
        visitor.PageError += (_, e) => errors.Add(e);
        visitor.Console += (_, m) => errors.Add(m.Text);
        await visitor.SetViewportSizeAsync(390, 844);
        foreach (var culture in new[] { "az", "ru" })
        {
            await visitor.GotoAsync($"/chat?lang={culture}");
            Assert.Equal(culture, await visitor.GetAttributeAsync("html", "lang"));
            await visitor.WaitForSelectorAsync("[data-chat]:not([hidden])");
            await visitor.AssertNoViolationsAsync();
            await visitor.ScreenshotAsync(new() { Path = $"{Shots}/chat-{culture}-390.png", FullPage = true });
        }
        Assert.Empty(await visitor.Context.CookiesAsync());

        var message = "Salam, I need help, they took my passport";
        await visitor.FillAsync("#chat-text", message);
        await visitor.PressAsync("#chat-text", "Enter");
        await visitor.Locator(".app-chat-msg--visitor", new() { HasText = "they took my passport" }).WaitForAsync();

        // The operator takes it from the queue; the reply box has the focus.
        await console.GotoAsync("/Helpline/Chats");
        await console.Locator("[data-chat-row] button").First.ClickAsync();
        await console.WaitForURLAsync("**/Helpline/Chats?id=*");
        await console.Locator("[data-chat-log] .app-chat-msg", new() { HasText = "they took my passport" }).WaitForAsync();
        await console.WaitForFunctionAsync("document.activeElement && document.activeElement.id === 'reply-text'");
        await console.Keyboard.TypeAsync("We are here. Are you safe now?");
        await console.Keyboard.PressAsync("Enter");
        await console.Locator("[data-chat-log] .app-chat-msg", new() { HasText = "Are you safe now?" }).WaitForAsync();
        await console.AssertNoViolationsAsync();
        await console.ScreenshotAsync(new() { Path = $"{Shots}/console.png", FullPage = true });

        // The visitor reads the reply live.
        await visitor.Locator(".app-chat-msg--helpline", new() { HasText = "Are you safe now?" }).WaitForAsync();
        await visitor.Locator("[data-chat-status]", new() { HasText = "Сотрудник" }).Or(visitor.Locator("[data-chat-status]:not(:empty)")).First.WaitForAsync();
        await visitor.ScreenshotAsync(new() { Path = $"{Shots}/chat-ru-conversation-390.png", FullPage = true });
        // The tab keeps only the chat's token (ASVS 14.3.3): no message is in its storage, and a reload reads the
        // conversation again from the server.
        Assert.Equal(["ariadne.chat.token"], await visitor.EvaluateAsync<string[]>("Object.keys(sessionStorage).filter(k => k === 'ariadne.chat.token' || k === 'ariadne.chat.messages')"));
        Assert.DoesNotContain("passport", await visitor.EvaluateAsync<string>("JSON.stringify(Object.entries(sessionStorage))"), StringComparison.Ordinal);
        await visitor.ReloadAsync();
        await visitor.Locator(".app-chat-msg--visitor", new() { HasText = "they took my passport" }).WaitForAsync();
        await visitor.Locator(".app-chat-msg--helpline", new() { HasText = "Are you safe now?" }).WaitForAsync();
        var historyBefore = await visitor.EvaluateAsync<int>("history.length");
        Assert.Empty(await visitor.Context.CookiesAsync());

        // Quick exit: Shift three times.
        await visitor.Locator("[data-chat-log]").FocusAsync();
        for (var i = 0; i < 3; i++)
            await visitor.Keyboard.PressAsync("Shift");
        // Playwright's assertion on the page's address, not a wait for a navigation event: about:blank may have committed before
        // a wait for it begins, and the wait then never ends (seen twice in CI, the second time with the page already on about:blank).
        try
        {
            await Assertions.Expect(visitor).ToHaveURLAsync("about:blank", new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            await visitor.ScreenshotAsync(new() { Path = $"{Shots}/exit-failed.png" });
            Assert.Fail($"No quick exit from {visitor.Url}: {string.Join(" | ", errors)}");
        }
        Assert.Equal(historyBefore, await visitor.EvaluateAsync<int>("history.length"));
        Assert.Equal(0, await visitor.EvaluateAsync<int>("sessionStorage.length"));
        Assert.Equal(0, await visitor.EvaluateAsync<int>("localStorage.length"));
        Assert.Equal("", await visitor.EvaluateAsync<string>("document.cookie"));
        Assert.Empty(await visitor.Context.CookiesAsync());

        // The chat was ended by the exit (no consent: its messages are gone).
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
        for (var i = 0; i < 100 && await db.ChatSessions.AsNoTracking().AnyAsync(s => s.EndedAt == null); i++)
            await Task.Delay(100);
        Assert.False(await db.ChatSessions.AsNoTracking().AnyAsync(s => s.EndedAt == null));
        Assert.False(await db.ChatMessages.AsNoTracking().AnyAsync());
        await console.Context.CloseAsync();
        await visitor.Context.CloseAsync();
    }
}
