using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Exchange;

/// <summary>The Exchange module's tables, as properties of the one <see cref="AriadneDbContext"/> (use db.Set&lt;T&gt;() in expression trees).</summary>
public static class ExchangeData
{
    extension(AriadneDbContext db)
    {
        public DbSet<CtdcImport> CtdcImports => db.Set<CtdcImport>();
        public DbSet<CtdcReferenceCount> CtdcReferenceCounts => db.Set<CtdcReferenceCount>();
        public DbSet<HtcdsCaseLink> HtcdsCaseLinks => db.Set<HtcdsCaseLink>();
    }
}
