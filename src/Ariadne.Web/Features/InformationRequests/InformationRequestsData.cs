using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>The information requests' tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class InformationRequestsData
{
    extension(AriadneDbContext db)
    {
        public DbSet<InformationRequest> InformationRequests => db.Set<InformationRequest>();
        public DbSet<InformationRequestStep> InformationRequestSteps => db.Set<InformationRequestStep>();
    }
}
