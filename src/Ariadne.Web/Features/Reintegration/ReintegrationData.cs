using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class ReintegrationData
{
    extension(AriadneDbContext db)
    {
        public DbSet<Repatriation> Repatriations => db.Set<Repatriation>();
        public DbSet<RetraffickingFlag> RetraffickingFlags => db.Set<RetraffickingFlag>();
        public DbSet<WitnessMeasure> WitnessMeasures => db.Set<WitnessMeasure>();
    }
}
