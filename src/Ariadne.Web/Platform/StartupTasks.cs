using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform;

/// <summary>
/// Runs before the server takes requests: migrates when told to (demo, tests), seeds the demo world
/// in demo mode, and outside demo mode refuses to start on an unmigrated database or one that holds
/// demo accounts.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, IConfiguration configuration, DemoMode demo, ILogger<StartupTasks> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        if (demo.Enabled)
            await Console.Out.WriteLineAsync("Ariadne demo: migrating its database …");
        if (demo.Enabled || configuration.GetValue<bool>("Database:MigrateOnStart"))
            await sp.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);

        var db = sp.GetRequiredService<AriadneDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            Refuse("the database is not migrated; run the 'migrate' verb first");

        foreach (var sequence in await NextKeys.BehindAsync(db, cancellationToken))
            logger.NextKeysBehind(sequence);

        try
        {
            _ = sp.GetRequiredService<Crypto.KeyRing>();
        }
        catch (InvalidOperationException ex)
        {
            Refuse(ex.Message);
        }

        if (demo.Enabled)
        {
            await Console.Out.WriteLineAsync("Ariadne demo: seeding the invented demo world (the first start takes a minute) …");
            await sp.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
            await Console.Out.WriteLineAsync("Ariadne demo: seeded; starting the web server …");
        }
        else if (await HoldsDemoDataAsync(sp, db, cancellationToken))
            Refuse("demo accounts are present, or the audit trail shows that the demo seeded this database; "
                + "production never runs with demo data — give it its own database");
    }

    /// <summary>
    /// A database the demo touched: a user flagged as demo, the demo's seeding mark in the audit trail, or
    /// a user of a demo name whose password is the published demo password (the flag alone can be cleared).
    /// </summary>
    internal static async Task<bool> HoldsDemoDataAsync(IServiceProvider sp, AriadneDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(u => u.IsDemo, cancellationToken)
            || await db.AuditEvents.AnyAsync(e => e.Action == Audit.PlatformAudit.DemoSeeded, cancellationToken))
            return true;
        var names = DemoSeeder.World.SelectMany(i => i.Users).Select(u => u.UserName.ToUpperInvariant()).ToList();
        var hasher = sp.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<Platform.Participants.AriadneUser>>();
        var namesakes = await db.Users.Where(u => u.NormalizedUserName != null && names.Contains(u.NormalizedUserName) && u.PasswordHash != null).ToListAsync(cancellationToken);
        return namesakes.Any(u => new[] { DemoSeeder.Password, DemoSeeder.EarlierPassword }.Any(p =>
            hasher.VerifyHashedPassword(u, u.PasswordHash!, p) != Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed));
    }

    private void Refuse(string reason)
    {
        logger.RefusingToStart(reason);
        throw new InvalidOperationException("Ariadne refuses to start: " + reason + ".");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
