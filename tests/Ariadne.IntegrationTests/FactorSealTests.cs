using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Second factors at rest (ASVS 6.7.1, 14.2.4): the authenticator seed and each passkey's public key are stored sealed
/// by the key ring, so that a database reader learns no seed and a database writer cannot plant or move a factor.
/// </summary>
public abstract class FactorSealTests(string provider)
{
    private const string Unusable = "Your second factor cannot be used. Ask your administrator to reset it; you will then set up a new one.";

    private static Task<TestUser> NewUserAsync(AriadneApp app) =>
        app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);

    private static Task<IdentityUserToken<Guid>> SeedRowAsync(AriadneApp app, Guid userId) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().UserTokens.AsNoTracking()
            .SingleAsync(t => t.UserId == userId && t.LoginProvider == FactorSeal.TokenProvider && t.Name == FactorSeal.TokenName));

    private static Task SetSeedRowAsync(AriadneApp app, Guid userId, string value) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().UserTokens
            .Where(t => t.UserId == userId && t.LoginProvider == FactorSeal.TokenProvider && t.Name == FactorSeal.TokenName)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.Value, value)));

    /// <summary>Password, then a code: the path it leads to and the page's error, if any.</summary>
    private static async Task<(string Path, string? Error)> SignInWithCodeAsync(AriadneApp app, TestUser user, string code)
    {
        using var session = app.NewSession();
        var mfa = await session.PasswordAsync(user.UserName, user.Password);
        if (mfa.Path != "/Account/SignInMfa")
            return (mfa.Path, mfa.Errors.SingleOrDefault());
        var after = await session.CodeAsync(mfa, code);
        return (after.Path, after.Errors.SingleOrDefault());
    }

    [Fact]
    public async Task The_authenticator_seed_is_stored_sealed_and_a_planted_or_moved_seed_signs_no_one_in()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        var victim = await NewUserAsync(app);
        var other = await NewUserAsync(app);

        var stored = (await SeedRowAsync(app, victim.Id)).Value!;
        Assert.StartsWith("sealed1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(victim.AuthenticatorKey!, stored, StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("/", (await SignInWithCodeAsync(app, victim, app.TotpNow(victim.AuthenticatorKey!))).Path);

        // A seed of the attacker's own written in clear into the victim's row: no code of it is accepted, the password
        // alone opens nothing (not even the enrolment page), and the victim is told to have the factor reset.
        var planted = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        await SetSeedRowAsync(app, victim.Id, planted);
        Assert.Null(await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            return await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(victim.Id.ToString()))!);
        }));
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(("/Account/SignIn", Unusable), await SignInWithCodeAsync(app, victim, app.TotpNow(planted)));
        using (var session = app.NewSession())
        {
            await session.PasswordAsync(victim.UserName, victim.Password);
            Assert.StartsWith("/Account/SignIn", (await session.GetAsync("/Account/Mfa/Setup")).Path, StringComparison.Ordinal);
        }

        // The attacker's own sealed seed moved to the victim's row: sealed for another account, it does not open.
        await SetSeedRowAsync(app, victim.Id, (await SeedRowAsync(app, other.Id)).Value!);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(("/Account/SignIn", Unusable), await SignInWithCodeAsync(app, victim, app.TotpNow(other.AuthenticatorKey!)));

        // Put back as it was, the victim's sealed seed works again: the refusals above were the seal's, not the clock's.
        await SetSeedRowAsync(app, victim.Id, stored);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("/", (await SignInWithCodeAsync(app, victim, app.TotpNow(victim.AuthenticatorKey!))).Path);

        // A replacement seed waiting for its first code is sealed the same way.
        var pending = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            var user = (await users.FindByIdAsync(victim.Id.ToString()))!;
            await users.SetAuthenticationTokenAsync(user, FactorSeal.PendingTokenProvider, FactorSeal.PendingTokenName, planted);
            return (await users.GetAuthenticationTokenAsync(user, FactorSeal.PendingTokenProvider, FactorSeal.PendingTokenName),
                (await sp.GetRequiredService<AriadneDbContext>().UserTokens.AsNoTracking()
                    .SingleAsync(t => t.UserId == victim.Id && t.Name == FactorSeal.PendingTokenName)).Value!);
        });
        Assert.Equal(planted, pending.Item1);
        Assert.StartsWith("sealed1:", pending.Item2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passkeys_public_key_is_stored_sealed_and_one_planted_or_moved_in_the_database_is_listed_but_never_found_for_an_assertion()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        var owner = await NewUserAsync(app);
        var other = await NewUserAsync(app);
        var publicKey = new byte[] { 0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, 7, 7, 7 };
        byte[] credential = [1, 2, 3, 4, 5, 6, 7, 8], planted = [9, 9, 9, 9];
        static UserPasskeyInfo Info(byte[] id, byte[] key) => new(id, key, DateTimeOffset.UnixEpoch, 0, ["usb"], true, false, false, [1], [2]) { Name = "key" };

        // Through the store (the way the passkey ceremony adds one): stored sealed, read back open.
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            var user = (await users.FindByIdAsync(owner.Id.ToString()))!;
            Assert.True((await users.AddOrUpdatePasskeyAsync(user, Info(credential, publicKey))).Succeeded);
        });
        var row = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().UserPasskeys.AsNoTracking().SingleAsync(p => p.UserId == owner.Id));
        Assert.NotEqual(publicKey, row.Data.PublicKey);
        Assert.Equal(KeyRing.Load(app.KeyRingFile)!.ActiveMasterKeyId, FactorSeal.MasterKeyIdOf(row.Data.PublicKey));
        Task<UserPasskeyInfo?> FindAsync(Guid userId, byte[] id) => app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            return await users.GetPasskeyAsync((await users.FindByIdAsync(userId.ToString()))!, id);
        });
        Assert.Equal(publicKey, (await FindAsync(owner.Id, credential))!.PublicKey);

        // A passkey of the attacker's written straight into the table: listed (so its owner sees it and can remove it),
        // never found for an assertion.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            db.UserPasskeys.Add(new IdentityUserPasskey<Guid>
            {
                CredentialId = planted,
                UserId = owner.Id,
                Data = new IdentityPasskeyData { PublicKey = publicKey, Name = "planted", AttestationObject = [1], ClientDataJson = [2], Transports = ["usb"] },
            });
            await db.SaveChangesAsync();
        });
        Assert.Null(await FindAsync(owner.Id, planted));
        var listed = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            return await users.GetPasskeysAsync((await users.FindByIdAsync(owner.Id.ToString()))!);
        });
        Assert.Equal(["key", "planted"], listed.Select(p => p.Name).Order().ToList());

        // The owner's sealed passkey moved to another account: sealed for its owner, it does not open for the other.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().UserPasskeys.Where(p => p.CredentialId == credential)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.UserId, other.Id)));
        Assert.Null(await FindAsync(other.Id, credential));
    }

    [Fact]
    public async Task Rotating_the_master_key_reseals_seeds_and_passkeys_and_the_factors_still_work_on_a_node_with_the_new_ring()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        var user = await NewUserAsync(app);
        byte[] credential = [4, 3, 2, 1], publicKey = [0xA5, 1, 2, 3];
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(user.Id.ToString()))!,
                new UserPasskeyInfo(credential, publicKey, DateTimeOffset.UnixEpoch, 0, [], true, false, false, [1], [2]) { Name = "key" });
        });
        var oldKey = KeyRing.Load(app.KeyRingFile)!.ActiveMasterKeyId;

        var (code, output) = await AuditTrailTests.RunAsync(app, "keys", "rotate");
        Assert.Equal(0, code);
        Assert.Contains("1 authenticator seed(s) and 1 passkey(s)", output, StringComparison.Ordinal);
        var ring = KeyRing.Load(app.KeyRingFile)!;
        Assert.DoesNotContain(oldKey, ring.MasterKeyIds);
        var seed = (await SeedRowAsync(app, user.Id)).Value!;
        Assert.Equal(ring.ActiveMasterKeyId, FactorSeal.MasterKeyIdOf(Convert.FromBase64String(seed["sealed1:".Length..])));

        await using var node = new AriadneApp(provider, migrate: false).SharingDeploymentWith(app);
        await node.InitializeAsync();
        node.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("/", (await SignInWithCodeAsync(node, user, node.TotpNow(user.AuthenticatorKey!))).Path);
        var passkey = await node.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            return await users.GetPasskeyAsync((await users.FindByIdAsync(user.Id.ToString()))!, credential);
        });
        Assert.Equal(publicKey, passkey!.PublicKey);
    }

    [Fact]
    public async Task The_migration_that_introduces_sealing_seals_the_factors_stored_before_it_once()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        var user = await NewUserAsync(app);
        byte[] credential = [5, 5, 5], publicKey = [0xA5, 9, 9];

        // The database as it was before sealing: the migration not applied yet, the seed and a passkey key in clear.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            var sealing = migrations.FindIndex(m => m.EndsWith("_FactorSealing", StringComparison.Ordinal));
            Assert.True(sealing > 0);
            await db.GetService<IMigrator>().MigrateAsync(migrations[sealing - 1]);
            db.UserPasskeys.Add(new IdentityUserPasskey<Guid>
            {
                CredentialId = credential,
                UserId = user.Id,
                Data = new IdentityPasskeyData { PublicKey = publicKey, Name = "old", AttestationObject = [1], ClientDataJson = [2], Transports = [] },
            });
            await db.SaveChangesAsync();
        });
        await SetSeedRowAsync(app, user.Id, user.AuthenticatorKey!);

        await app.WithScopeAsync(sp => sp.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None));
        Assert.StartsWith("sealed1:", (await SeedRowAsync(app, user.Id)).Value!, StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("/", (await SignInWithCodeAsync(app, user, app.TotpNow(user.AuthenticatorKey!))).Path);
        var passkey = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            return await users.GetPasskeyAsync((await users.FindByIdAsync(user.Id.ToString()))!, credential);
        });
        Assert.Equal(publicKey, passkey!.PublicKey);

        // Once: a seed written in clear after the migration is not sealed by the next 'migrate'.
        await SetSeedRowAsync(app, user.Id, user.AuthenticatorKey!);
        await app.WithScopeAsync(sp => sp.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None));
        Assert.Equal(user.AuthenticatorKey, (await SeedRowAsync(app, user.Id)).Value);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(("/Account/SignIn", Unusable), await SignInWithCodeAsync(app, user, app.TotpNow(user.AuthenticatorKey!)));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class FactorSealTestsOnPostgres() : FactorSealTests("Postgres");
