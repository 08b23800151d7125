using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Identification;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/> (their mapping is in the *Configuration classes beside each entity).</summary>
public static class IdentificationData
{
    extension(AriadneDbContext db)
    {
        public DbSet<Screening> Screenings => db.Set<Screening>();
        public DbSet<IdentificationDecision> IdentificationDecisions => db.Set<IdentificationDecision>();
    }
}
