using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class AccommodationData
{
    extension(AriadneDbContext db)
    {
        public DbSet<Shelter> Shelters => db.Set<Shelter>();
        public DbSet<Bed> Beds => db.Set<Bed>();
        public DbSet<Placement> Placements => db.Set<Placement>();
        public DbSet<FollowUp> FollowUps => db.Set<FollowUp>();
        public DbSet<GuardShift> GuardShifts => db.Set<GuardShift>();
        public DbSet<TransportHandover> TransportHandovers => db.Set<TransportHandover>();
        public DbSet<ShelterInspection> ShelterInspections => db.Set<ShelterInspection>();
        public DbSet<InspectionItem> InspectionItems => db.Set<InspectionItem>();
        public DbSet<Movement> Movements => db.Set<Movement>();
        public DbSet<ResidentComplaint> ResidentComplaints => db.Set<ResidentComplaint>();
    }
}
