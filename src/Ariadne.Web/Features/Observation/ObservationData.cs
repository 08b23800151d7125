using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Observation;

/// <summary>The observation module's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class ObservationData
{
    extension(AriadneDbContext db)
    {
        public DbSet<Problem> Problems => db.Set<Problem>();
        public DbSet<ProblemConcern> ProblemConcerns => db.Set<ProblemConcern>();
        public DbSet<ProblemRoute> ProblemRoutes => db.Set<ProblemRoute>();
        public DbSet<ProblemResponse> ProblemResponses => db.Set<ProblemResponse>();
        public DbSet<DeadlineExtension> DeadlineExtensions => db.Set<DeadlineExtension>();
    }
}
