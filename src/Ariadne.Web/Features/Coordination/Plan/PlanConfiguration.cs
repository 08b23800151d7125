using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Coordination;

internal sealed class ActionPlanConfiguration : IEntityTypeConfiguration<ActionPlan>
{
    public void Configure(EntityTypeBuilder<ActionPlan> e)
    {
        e.ToTable("action_plans");
        e.Property(p => p.Code).HasMaxLength(40);
        e.HasIndex(p => p.Code).IsUnique();
        e.Property(p => p.TitleAz).HasMaxLength(300);
        e.Property(p => p.TitleRu).HasMaxLength(300);
        e.Property(p => p.TitleEn).HasMaxLength(300);
        e.Property(p => p.SourceAz).HasMaxLength(300);
        e.Property(p => p.SourceRu).HasMaxLength(300);
        e.Property(p => p.SourceEn).HasMaxLength(300);
    }
}

internal sealed class PlanObjectiveConfiguration : IEntityTypeConfiguration<PlanObjective>
{
    public void Configure(EntityTypeBuilder<PlanObjective> e)
    {
        e.ToTable("plan_objectives");
        e.Property(o => o.Code).HasMaxLength(20);
        e.HasIndex(o => new { o.PlanId, o.Code }).IsUnique();
        e.Property(o => o.TitleAz).HasMaxLength(300);
        e.Property(o => o.TitleRu).HasMaxLength(300);
        e.Property(o => o.TitleEn).HasMaxLength(300);
        e.HasOne<ActionPlan>().WithMany().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanMeasureConfiguration : IEntityTypeConfiguration<PlanMeasure>
{
    public void Configure(EntityTypeBuilder<PlanMeasure> e)
    {
        e.ToTable("plan_measures");
        e.Property(m => m.Code).HasMaxLength(20);
        e.HasIndex(m => new { m.ObjectiveId, m.Code }).IsUnique();
        e.HasIndex(m => new { m.ResponsibleInstitutionId, m.Deadline });
        e.Property(m => m.TitleAz).HasMaxLength(1000);
        e.Property(m => m.TitleRu).HasMaxLength(1000);
        e.Property(m => m.TitleEn).HasMaxLength(1000);
        e.Property(m => m.IndicatorAz).HasMaxLength(300);
        e.Property(m => m.IndicatorRu).HasMaxLength(300);
        e.Property(m => m.IndicatorEn).HasMaxLength(300);
        e.Property(m => m.BudgetLine).HasMaxLength(100);
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(m => m.Computed).HasConversion<string>().HasMaxLength(30);
        e.Property(m => m.Baseline).HasPrecision(18, 2);
        e.Property(m => m.Target).HasPrecision(18, 2);
        e.Property(m => m.Version).IsConcurrencyToken();
        e.HasOne<PlanObjective>().WithMany().HasForeignKey(m => m.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Institution>().WithMany().HasForeignKey(m => m.ResponsibleInstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanMeasurePartnerConfiguration : IEntityTypeConfiguration<PlanMeasurePartner>
{
    public void Configure(EntityTypeBuilder<PlanMeasurePartner> e)
    {
        e.ToTable("plan_measure_partners");
        e.HasKey(p => new { p.MeasureId, p.InstitutionId });
        e.HasIndex(p => p.InstitutionId);
        e.HasOne<PlanMeasure>().WithMany().HasForeignKey(p => p.MeasureId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Institution>().WithMany().HasForeignKey(p => p.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeasureStatusChangeConfiguration : IEntityTypeConfiguration<MeasureStatusChange>
{
    public void Configure(EntityTypeBuilder<MeasureStatusChange> e)
    {
        e.ToTable("plan_measure_status_changes");
        e.HasIndex(c => new { c.MeasureId, c.Version }).IsUnique();
        e.Property(c => c.From).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.To).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Evidence).HasMaxLength(2000);
        e.Property(c => c.Reference).HasMaxLength(300);
        e.HasOne<PlanMeasure>().WithMany().HasForeignKey(c => c.MeasureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorActualConfiguration : IEntityTypeConfiguration<IndicatorActual>
{
    public void Configure(EntityTypeBuilder<IndicatorActual> e)
    {
        e.ToTable("plan_indicator_actuals");
        e.HasIndex(a => new { a.MeasureId, a.Year }).IsUnique();
        e.Property(a => a.Value).HasPrecision(18, 2);
        e.Property(a => a.Note).HasMaxLength(500);
        e.HasOne<PlanMeasure>().WithMany().HasForeignKey(a => a.MeasureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> e)
    {
        e.ToTable("plan_recommendations");
        e.Property(r => r.Body).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Reference).HasMaxLength(200);
        e.HasIndex(r => new { r.Body, r.Reference }).IsUnique();
        e.Property(r => r.Text).HasMaxLength(4000);
    }
}

internal sealed class RecommendationMeasureConfiguration : IEntityTypeConfiguration<RecommendationMeasure>
{
    public void Configure(EntityTypeBuilder<RecommendationMeasure> e)
    {
        e.ToTable("plan_recommendation_measures");
        e.HasKey(l => new { l.RecommendationId, l.MeasureId });
        e.HasIndex(l => l.MeasureId);
        e.HasOne<Recommendation>().WithMany().HasForeignKey(l => l.RecommendationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PlanMeasure>().WithMany().HasForeignKey(l => l.MeasureId).OnDelete(DeleteBehavior.Cascade);
    }
}
