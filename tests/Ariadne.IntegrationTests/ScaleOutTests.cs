using Ariadne.IntegrationTests.Infrastructure;
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
}

public sealed class ScaleOutTestsOnSqlite() : ScaleOutTests("Sqlite");

public sealed class ScaleOutTestsOnPostgres() : ScaleOutTests("Postgres");
