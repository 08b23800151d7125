using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Statistics;

/// <summary>The statistics' facts, as a property of the one <see cref="AriadneDbContext"/>.</summary>
public static class StatisticsData
{
    extension(AriadneDbContext db)
    {
        public DbSet<StatFact> StatFacts => db.Set<StatFact>();
    }
}
