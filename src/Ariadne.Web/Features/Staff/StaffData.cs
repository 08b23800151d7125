using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Staff;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/> (their mapping is in the *Configuration classes beside each entity).</summary>
public static class StaffData
{
    extension(AriadneDbContext db)
    {
        public DbSet<AccountChange> AccountChanges => db.Set<AccountChange>();
    }
}
