using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Reminders before an API token expires (ASVS 6.4.5): 14 days and 3 days before, only those a token's lifetime leaves
/// room for, never for a revoked or expired token, and never twice.
/// </summary>
public abstract class ApiTokenExpiryTests(AriadneApp app)
{
    private async Task<Guid> TokenAsync(Guid userId, TimeSpan lifetime, bool revoked = false)
    {
        var token = new ApiToken
        {
            UserId = userId,
            Name = "pbx",
            Prefix = "test",
            SecretHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
            Scopes = "helpline.calls",
            CreatedAt = app.Time.GetUtcNow(),
            ExpiresAt = app.Time.GetUtcNow() + lifetime,
            RevokedAt = revoked ? app.Time.GetUtcNow() : null,
        };
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();
        });
        return token.Id;
    }

    private Task RemindAsync() => app.WithScopeAsync(sp => ApiTokenExpiry.RemindAsync(sp.GetRequiredService<AriadneDbContext>(), app.Time.GetUtcNow()));

    private Task<List<string>> NoticesAsync(Guid userId) => app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Notifications.AsNoTracking()
        .Where(n => n.RecipientUserId == userId).OrderBy(n => n.CreatedAt).Select(n => n.Kind).ToListAsync());

    [Fact]
    public async Task An_owner_is_reminded_fourteen_and_three_days_before_a_token_expires_as_its_lifetime_allows_and_once_each()
    {
        var month = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator]);
        var week = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator]);
        var day = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator]);
        var revoked = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator]);
        await TokenAsync(month.Id, TimeSpan.FromDays(30));
        await TokenAsync(week.Id, TimeSpan.FromDays(7));
        await TokenAsync(day.Id, TimeSpan.FromDays(1));
        await TokenAsync(revoked.Id, TimeSpan.FromDays(10), revoked: true);
        string fourteen = ApiTokenExpiry.InFourteenDays, three = ApiTokenExpiry.InThreeDays;

        await RemindAsync();
        foreach (var user in new[] { month, week, day, revoked })
            Assert.Empty(await NoticesAsync(user.Id));

        // Day 4½: the week's token has 2½ days left (its lifetime never left room for the 14-day reminder); the day's expired unreminded.
        app.Time.Advance(TimeSpan.FromDays(4.5));
        await RemindAsync();
        await RemindAsync();
        Assert.Equal([three], await NoticesAsync(week.Id));
        Assert.Empty(await NoticesAsync(month.Id));
        Assert.Empty(await NoticesAsync(day.Id));

        // Day 17: the month's token has 13 days left.
        app.Time.Advance(TimeSpan.FromDays(12.5));
        await RemindAsync();
        await RemindAsync();
        Assert.Equal([fourteen], await NoticesAsync(month.Id));

        // Day 28: 2 days left; then past its expiry, nothing more.
        app.Time.Advance(TimeSpan.FromDays(11));
        await RemindAsync();
        app.Time.Advance(TimeSpan.FromDays(3));
        await RemindAsync();
        Assert.Equal([fourteen, three], await NoticesAsync(month.Id));
        Assert.Equal([three], await NoticesAsync(week.Id));
        Assert.Empty(await NoticesAsync(day.Id));
        Assert.Empty(await NoticesAsync(revoked.Id));
    }
}

public sealed class ApiTokenExpiryTestsOnSqlite(SqliteApp app) : ApiTokenExpiryTests(app), IClassFixture<SqliteApp>;

public sealed class ApiTokenExpiryTestsOnPostgres(PostgresApp app) : ApiTokenExpiryTests(app), IClassFixture<PostgresApp>;
