using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The roster's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class RosterData
{
    extension(AriadneDbContext db)
    {
        public DbSet<OperatorProfile> OperatorProfiles => db.Set<OperatorProfile>();
        public DbSet<HelplineShift> HelplineShifts => db.Set<HelplineShift>();
    }
}
