using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Protection;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/> (their mapping is in the *Configuration classes beside each entity).</summary>
public static class ProtectionData
{
    extension(AriadneDbContext db)
    {
        public DbSet<Consent> Consents => db.Set<Consent>();
        public DbSet<OnwardReferral> OnwardReferrals => db.Set<OnwardReferral>();
        public DbSet<RiskAssessment> RiskAssessments => db.Set<RiskAssessment>();
    }
}
