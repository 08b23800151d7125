using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Cluster;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Application nodes keep no state of their own: any node serves any session.</summary>
public abstract class ScaleOutTests(string provider)
{
    [Fact]
    public async Task A_session_begun_on_one_node_continues_on_another_sharing_the_database()
    {
        await using var first = new AriadneApp(provider);
        await first.InitializeAsync();
        await using var second = new AriadneApp(provider, migrate: false).SharingDeploymentWith(first);
        await second.InitializeAsync();
        second.Time.SetUtcNow(first.Time.GetUtcNow());

        var user = await first.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        using var onFirst = first.NewSession();
        await onFirst.SignInAsync(first, user);

        using var onSecond = new WebSession(second, "en", onFirst.Cookies);
        second.Time.SetUtcNow(first.Time.GetUtcNow());
        var home = await onSecond.GetAsync("/");
        Assert.Equal("/", home.Path);
        Assert.Contains("Test " + user.UserName, home.Text, StringComparison.Ordinal);

        // A form rendered by one node is accepted by the other (shared antiforgery keys).
        var tokens = await onFirst.GetAsync("/Account/Tokens");
        var created = await onSecond.SubmitAsync(tokens, "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Input.Name"] = "cross-node",
            ["Input.Scopes"] = "profile",
            ["Input.Days"] = "7",
        });
        Assert.NotNull(created.Document.QuerySelector("[data-token-secret]"));

        // The key ring is in the database, not on a node's disk.
        var keys = await first.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().DataProtectionKeys.CountAsync());
        Assert.True(keys >= 1);
    }

    [Fact]
    public async Task A_change_on_one_node_wakes_the_live_streams_on_the_other()
    {
        await using var first = new AriadneApp(provider);
        await first.InitializeAsync();
        await using var second = new AriadneApp(provider, migrate: false).SharingDeploymentWith(first);
        await second.InitializeAsync();
        var nodes = (first.Services.GetRequiredService<NodeSignals>(), second.Services.GetRequiredService<NodeSignals>());
        Assert.NotEqual(nodes.Item1.NodeId, nodes.Item2.NodeId);
        if (provider != "Postgres")
        {
            // SQLite serves one node: nothing is carried, and publishing is a no-op.
            Assert.False(nodes.Item1.Bridged);
            return;
        }
        // Both bridges are listening once they say so (a bounded wait: this is start-up, not a timing claim).
        for (var i = 0; i < 300 && !(nodes.Item1.Bridged && nodes.Item2.Bridged); i++)
            await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.True(nodes.Item1.Bridged && nodes.Item2.Bridged);

        // The duty desk: a pulse on the first node completes a wait on the second (which has no poll of its own here).
        var desk = second.Services.GetRequiredService<ReferralSignal>().WaitAsync();
        Assert.False(desk.IsCompleted);
        first.Services.GetRequiredService<ReferralSignal>().Pulse();
        await desk.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // One helpline's console without waking another helpline's, and one visitor's chat without waking another's.
        var (helpline, otherHelpline) = (Guid.NewGuid(), Guid.NewGuid());
        var console = second.Services.GetRequiredService<HelplineSignal>().WaitAsync(helpline);
        var otherConsole = second.Services.GetRequiredService<HelplineSignal>().WaitAsync(otherHelpline);
        var chatId = Guid.NewGuid();
        var otherChat = second.Services.GetRequiredService<ChatSignal>().WaitAsync(Guid.NewGuid());
        var chat = second.Services.GetRequiredService<ChatSignal>().WaitAsync(chatId);
        first.Services.GetRequiredService<HelplineSignal>().Pulse(helpline);
        first.Services.GetRequiredService<ChatSignal>().Pulse(chatId);
        await console.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await chat.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.False(otherChat.IsCompleted);
        Assert.False(otherConsole.IsCompleted);

        // A real change: a referral taken on the first node wakes the second node's desk.
        await first.SquadChiefAsync();
        var officer = await first.BorderOfficerAsync();
        var again = second.Services.GetRequiredService<ReferralSignal>().WaitAsync();
        await first.ReferAsync(officer, ReferralSteps.SampleReferral());
        await again.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}

public sealed class ScaleOutTestsOnSqlite() : ScaleOutTests("Sqlite");

public sealed class ScaleOutTestsOnPostgres() : ScaleOutTests("Postgres");
