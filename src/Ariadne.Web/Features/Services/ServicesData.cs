using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Services;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class ServicesData
{
    extension(AriadneDbContext db)
    {
        public DbSet<ServiceGoal> ServiceGoals => db.Set<ServiceGoal>();
        public DbSet<ServiceReferral> ServiceReferrals => db.Set<ServiceReferral>();
        public DbSet<ServiceSession> ServiceSessions => db.Set<ServiceSession>();
        public DbSet<CompensationClaim> CompensationClaims => db.Set<CompensationClaim>();
        public DbSet<InterpreterBooking> InterpreterBookings => db.Set<InterpreterBooking>();
    }
}
