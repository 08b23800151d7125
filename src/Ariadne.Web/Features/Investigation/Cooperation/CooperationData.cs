using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Investigation;

/// <summary>Foreign cooperation's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class CooperationData
{
    extension(AriadneDbContext db)
    {
        public DbSet<CooperationRequest> CooperationRequests => db.Set<CooperationRequest>();
        public DbSet<CooperationItem> CooperationItems => db.Set<CooperationItem>();
        public DbSet<CooperationStep> CooperationSteps => db.Set<CooperationStep>();
    }
}
