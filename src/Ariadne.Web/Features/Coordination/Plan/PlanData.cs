using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Coordination;

/// <summary>The action plan's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class PlanData
{
    extension(AriadneDbContext db)
    {
        public DbSet<ActionPlan> ActionPlans => db.Set<ActionPlan>();
        public DbSet<PlanObjective> PlanObjectives => db.Set<PlanObjective>();
        public DbSet<PlanMeasure> PlanMeasures => db.Set<PlanMeasure>();
        public DbSet<PlanMeasurePartner> PlanMeasurePartners => db.Set<PlanMeasurePartner>();
        public DbSet<MeasureStatusChange> MeasureStatusChanges => db.Set<MeasureStatusChange>();
        public DbSet<IndicatorActual> IndicatorActuals => db.Set<IndicatorActual>();
        public DbSet<Recommendation> Recommendations => db.Set<Recommendation>();
        public DbSet<RecommendationMeasure> RecommendationMeasures => db.Set<RecommendationMeasure>();
    }
}
