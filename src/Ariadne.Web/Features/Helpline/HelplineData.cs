using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Helpline;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class HelplineData
{
    extension(AriadneDbContext db)
    {
        public DbSet<HelplineContact> HelplineContacts => db.Set<HelplineContact>();
        public DbSet<CallerFlag> CallerFlags => db.Set<CallerFlag>();
    }
}
