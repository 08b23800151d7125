using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Resources;

/// <summary>The resources' tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class ResourcesData
{
    extension(AriadneDbContext db)
    {
        public DbSet<Need> Needs => db.Set<Need>();
        public DbSet<Donor> Donors => db.Set<Donor>();
        public DbSet<DonorArea> DonorAreas => db.Set<DonorArea>();
        public DbSet<ResourceFlow> ResourceFlows => db.Set<ResourceFlow>();
        public DbSet<FlowAllocation> FlowAllocations => db.Set<FlowAllocation>();
    }
}
