using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/> (their mapping is in the *Configuration classes beside each entity).</summary>
public static class CasesData
{
    extension(AriadneDbContext db)
    {
        public DbSet<Person> People => db.Set<Person>();
        public DbSet<ProtectionCase> Cases => db.Set<ProtectionCase>();
        public DbSet<AgeAssessment> AgeAssessments => db.Set<AgeAssessment>();
    }
}
