using Ariadne.Web.Features.Participants;
using Ariadne.Web.Platform.Logging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Data;

/// <summary>Applies migrations and makes sure every role of the catalogue exists.</summary>
public sealed class Migrator(AriadneDbContext db, RoleManager<IdentityRole<Guid>> roles, ILogger<Migrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        logger.Migrated(pending, db.Database.ProviderName ?? "?");
        foreach (var role in RoleCatalog.All)
            if (!await roles.RoleExistsAsync(role.Name))
                await roles.CreateAsync(new IdentityRole<Guid>(role.Name) { Id = Guid.CreateVersion7() });
    }
}
