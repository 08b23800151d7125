using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Data;

/// <summary>Applies migrations and makes sure every role of the catalogue exists.</summary>
public sealed class Migrator(AriadneDbContext db, RoleManager<IdentityRole<Guid>> roles, IConfiguration configuration, ILogger<Migrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        logger.Migrated(pending, db.Database.ProviderName ?? "?");
        foreach (var role in RoleCatalog.All)
            if (!await roles.RoleExistsAsync(role.Name))
                await roles.CreateAsync(new IdentityRole<Guid>(role.Name) { Id = Guid.CreateVersion7() });
        if (db.Database.IsNpgsql() && configuration["Database:ApplicationRole"] is { Length: > 0 } appRole)
            await GrantApplicationRoleAsync(appRole, cancellationToken);
    }

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
