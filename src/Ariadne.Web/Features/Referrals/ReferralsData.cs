using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Referrals;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/> (their mapping is in the *Configuration classes beside each entity).</summary>
public static class ReferralsData
{
    extension(AriadneDbContext db)
    {
        public DbSet<Referral> Referrals => db.Set<Referral>();
        public DbSet<ReferralFile> ReferralFiles => db.Set<ReferralFile>();
        public DbSet<ReferralDraftFile> ReferralDraftFiles => db.Set<ReferralDraftFile>();
    }
}
