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
        if (demo.Enabled || configuration.GetValue<bool>("Database:MigrateOnStart"))
            await sp.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);

        var db = sp.GetRequiredService<AriadneDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            Refuse("the database is not migrated; run the 'migrate' verb first");

        try
        {
            _ = sp.GetRequiredService<Crypto.KeyRing>();
        }
        catch (InvalidOperationException ex)
        {
            Refuse(ex.Message);
        }

        if (demo.Enabled)
            await sp.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        else if (await db.Users.AnyAsync(u => u.IsDemo, cancellationToken))
            Refuse("demo accounts are present; production never runs with demo data");
    }

    private void Refuse(string reason)
    {
        logger.RefusingToStart(reason);
        throw new InvalidOperationException("Ariadne refuses to start: " + reason + ".");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
