using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Coordination;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/> (their mapping is in the *Configuration classes beside each entity).</summary>
public static class CoordinationData
{
    extension(AriadneDbContext db)
    {
        public DbSet<NationalCountSnapshot> NationalCountSnapshots => db.Set<NationalCountSnapshot>();
    }
}
