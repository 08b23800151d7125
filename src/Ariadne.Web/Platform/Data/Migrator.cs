using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Data;

/// <summary>Applies migrations and makes sure every role of the catalogue exists.</summary>
public sealed class Migrator(AriadneDbContext db, RoleManager<IdentityRole<Guid>> roles, IConfiguration configuration, IServiceProvider services,
    ILogger<Migrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        // With nothing to apply, EF's Migrate would still take the migration lock and diff the whole model against the
        // snapshot (its check for model changes without a migration, which MigrationsTests makes on every build): a start
        // with nothing pending skips both.
        if (pending.Count > 0)
            await db.Database.MigrateAsync(cancellationToken);
        logger.Migrated(pending.Count, db.Database.ProviderName ?? "?");
        // The migration that introduced sealed second factors: the seeds and passkeys stored before it are sealed now,
        // once. After it, a factor stored in clear was written around the application and never signs in.
        if (pending.Any(m => m.EndsWith("_" + FactorSealingMigration, StringComparison.Ordinal))
            && (await db.UserTokens.AnyAsync(t => t.LoginProvider == FactorSeal.TokenProvider && t.Name == FactorSeal.TokenName, cancellationToken)
                || await db.UserPasskeys.AnyAsync(cancellationToken)))
        {
            var (seeds, passkeys) = await FactorSeal.ResealAllAsync(db, services.GetRequiredService<Crypto.KeyRing>(), sealClear: true, cancellationToken);
            logger.FactorsSealed(seeds, passkeys);
        }
        // Rows written without the "next" keys' sequences (a node of the previous version left running): moved past them.
        foreach (var sequence in await NextKeys.CatchUpWhenBehindAsync(db, cancellationToken))
            logger.NextKeysCaughtUp(sequence);
        foreach (var role in RoleCatalog.All)
            if (!await roles.RoleExistsAsync(role.Name))
                await roles.CreateAsync(new IdentityRole<Guid>(role.Name) { Id = Guid.CreateVersion7() });
        if (db.Database.IsNpgsql() && configuration["Database:ApplicationRole"] is { Length: > 0 } appRole)
            await GrantApplicationRoleAsync(appRole, cancellationToken);
    }

    internal const string FactorSealingMigration = "FactorSealing";

    /// <summary>
    /// On PostgreSQL the server runs as a role that owns nothing: it may read and write the tables, and
    /// only insert into and read the audit trail. Migrations run as the owner; this sets the grants.
    /// </summary>
    private async Task GrantApplicationRoleAsync(string role, CancellationToken cancellationToken)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(role, "^[a-z_][a-z0-9_]{0,62}$"))
            throw new InvalidOperationException("Database:ApplicationRole must be a plain lower-case identifier.");
        string[] statements =
        [
            $"GRANT USAGE ON SCHEMA public TO {role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            $"REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, audit_checkpoints FROM {role}",
        ];
        foreach (var statement in statements)
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
    }
}
