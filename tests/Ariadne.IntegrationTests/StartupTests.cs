using System.Diagnostics;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Demo mode, the production guards and the migrate verb — on both databases.</summary>
public abstract class StartupTests(string provider)
{
    // One demo world per provider (seeding it is the costliest start of the suite): what it seeds, then that production
    // refuses its database while the demo accounts are flagged, and still once the flags are cleared.
    [Fact]
    public async Task Demo_mode_seeds_one_institution_of_every_kind_marks_every_page_and_production_refuses_its_database()
    {
        await using var demo = new AriadneApp(provider, demo: true);
        await demo.InitializeAsync();
        var kinds = await demo.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Institutions.Select(i => i.Kind).ToListAsync());
        Assert.Equal(Enum.GetValues<InstitutionKind>().Order(), kinds.Distinct().Order()); // (two shelters: one state, one NGO)
        Assert.Equal(2, await demo.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Shelters.CountAsync()));
        Assert.Equal(1, await demo.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Placements.CountAsync(p => p.DischargedAt == null)));
        Assert.Equal(1, await demo.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Placements.CountAsync(p => p.DischargedAt != null && p.FollowUpConsent == true)));
        var userCount = await demo.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.CountAsync(u => u.IsDemo));
        Assert.True(userCount >= kinds.Count);
        Assert.Equal(3, await demo.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.CountAsync()));
        // The demo criminal file has one request abroad, sent and waiting for its reply before its deadline, with what went out sealed.
        var sentAbroad = await demo.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Set<Ariadne.Web.Features.Investigation.CooperationRequest>()
            .Select(r => new { r.Status, r.Deadline, r.SentOn }).ToListAsync());
        Assert.Equal(Ariadne.Web.Features.Investigation.CooperationStatus.Sent, Assert.Single(sentAbroad).Status);
        Assert.True(sentAbroad[0].Deadline > sentAbroad[0].SentOn);
        Assert.True(await demo.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Set<Ariadne.Web.Features.Investigation.CooperationItem>()
            .AnyAsync(i => i.PartyId != null && i.SentValuesEnc != null)));
        Assert.True((await demo.WithScopeAsync(sp => sp.GetRequiredService<Ariadne.Web.Platform.Audit.AuditVerifier>().VerifyAsync())).Intact);

        using var session = demo.NewSession();
        var signIn = await session.GetAsync("/Account/SignIn");
        Assert.Contains("DEMO DATA", signIn.Text, StringComparison.Ordinal);
        var home = await session.PasswordAsync("admin", DemoSeeder.Password);
        Assert.Equal("/", home.Path); // demo accounts may skip MFA enrolment
        Assert.Contains("DEMO DATA", home.Text, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await session.GetAsync("/Admin/Institutions")).Status);

        // Production on the demo's database: refused while demo accounts exist …
        await using (var production = new AriadneApp(provider).SharingDeploymentWith(demo))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => production.InitializeAsync().AsTask());
            Assert.Contains("demo accounts are present", error.Message, StringComparison.Ordinal);
        }

        // … and still once the demo flags are cleared and no demo password is left: the audit trail remembers the seeding.
        await demo.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            await db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDemo, false));
            return await db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, (string?)null));
        });
        await using (var production = new AriadneApp(provider).SharingDeploymentWith(demo))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => production.InitializeAsync().AsTask());
            Assert.Contains("the demo seeded this database", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Production_refuses_a_demo_name_with_the_published_demo_password()
    {
        await using var first = new AriadneApp(provider);
        await first.InitializeAsync();
        await first.WithScopeAsync(async sp =>
        {
            var institution = new Institution { Name = "Admin", Code = "ADM", Kind = InstitutionKind.PlatformAdministration, CreatedAt = first.Time.GetUtcNow() };
            var db = sp.GetRequiredService<AriadneDbContext>();
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
            var user = new AriadneUser { UserName = "coordinator", DisplayName = "Copied", InstitutionId = institution.Id, CreatedAt = first.Time.GetUtcNow() };
            Assert.True((await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AriadneUser>>().CreateAsync(user, DemoSeeder.Password)).Succeeded);
        });
        await using var production = new AriadneApp(provider).SharingDeploymentWith(first);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => production.InitializeAsync().AsTask());
        Assert.Contains("demo accounts are present", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_security_setting_stops_the_start_with_a_message_naming_the_key()
    {
        await using var app = new AriadneApp(provider).With("Security:MaxFailedAccessAttempts", "0");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.InitializeAsync().AsTask());
        Assert.Contains("Security:MaxFailedAccessAttempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_an_unmigrated_database()
    {
        await using var production = new AriadneApp(provider, migrate: false);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => production.InitializeAsync().AsTask());
        Assert.Contains("run the 'migrate' verb", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The program itself in a process of its own: the first start is about the real entry point (the other verbs run in process).</summary>
    private static async Task<(int ExitCode, string Output)> RunVerbAsync(TestDatabase database, params string[] args)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "Ariadne.Web.dll");
        var start = new ProcessStartInfo("dotnet", [web, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["Database__Provider"] = database.Provider,
                ["ConnectionStrings__Ariadne"] = database.ConnectionString,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task The_migrate_verb_prepares_an_empty_database_and_production_then_starts()
    {
        await using var database = TestDatabase.Create(provider);
        var (exitCode, output) = await RunVerbAsync(database, "migrate");
        Assert.Equal(0, exitCode);
        Assert.Contains("Migrations applied.", output, StringComparison.Ordinal);

        await using var production = new AriadneApp(provider, migrate: false).With("ConnectionStrings:Ariadne", database.ConnectionString);
        await production.InitializeAsync();
        var roles = await production.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Roles.CountAsync());
        Assert.Equal(RoleCatalog.All.Count, roles);

        // The first administrator, once; the temporary password works and must be changed.
        var (created, message) = await CommandLine.RunAsync(CommandLine.Settings(provider, database.ConnectionString), "bootstrap-admin", "first.admin", "Rauf Nağıyev");
        Assert.Equal(0, created);
        var password = message.Trim().Split(' ')[^1];
        using var session = production.NewSession();
        Assert.Equal("/Account/ChangePassword", (await session.PasswordAsync("first.admin", password)).Path);
        var (again, refusal) = await CommandLine.RunAsync(CommandLine.Settings(provider, database.ConnectionString), "bootstrap-admin", "second", "Someone");
        Assert.Equal(1, again);
        Assert.Contains("An administrator already exists", refusal, StringComparison.Ordinal);

        // The first auditor (oversight confirms institutions that have no head yet), once; an auditor, not an administrator.
        var (auditor, auditorMessage) = await CommandLine.RunAsync(CommandLine.Settings(provider, database.ConnectionString), "bootstrap-auditor", "first.auditor", "Leyla Məmmədova");
        Assert.Equal(0, auditor);
        var auditorPassword = auditorMessage.Trim().Split(' ')[^1];
        using var auditorSession = production.NewSession();
        Assert.Equal("/Account/ChangePassword", (await auditorSession.PasswordAsync("first.auditor", auditorPassword)).Path);
        var auditorRoles = await production.WithScopeAsync(async sp =>
        {
            var manager = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AriadneUser>>();
            var user = await manager.FindByNameAsync("first.auditor");
            var institution = await sp.GetRequiredService<AriadneDbContext>().Institutions.SingleAsync(i => i.Id == user!.InstitutionId);
            return (Roles: await manager.GetRolesAsync(user!), institution.Kind);
        });
        Assert.Equal([RoleCatalog.Auditor], auditorRoles.Roles);
        Assert.Equal(InstitutionKind.Oversight, auditorRoles.Kind);
        var (secondAuditor, auditorRefusal) = await CommandLine.RunAsync(CommandLine.Settings(provider, database.ConnectionString), "bootstrap-auditor", "second.auditor", "Someone");
        Assert.Equal(1, secondAuditor);
        Assert.Contains("An auditor already exists", auditorRefusal, StringComparison.Ordinal);
    }
}

public sealed class StartupTestsOnSqlite() : StartupTests("Sqlite");

public sealed class StartupTestsOnPostgres() : StartupTests("Postgres");
