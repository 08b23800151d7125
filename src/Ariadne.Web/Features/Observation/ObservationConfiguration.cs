using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Observation;

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> e)
    {
        e.ToTable("problems");
        e.Property(p => p.Number).HasMaxLength(20);
        e.HasIndex(p => p.Number).IsUnique();
        e.Property(p => p.Category).HasConversion<string>().HasMaxLength(30);
        e.Property(p => p.Title).HasMaxLength(Problems.MaxTitle);
        e.Property(p => p.Description).HasMaxLength(Problems.MaxText);
        e.Property(p => p.Region).HasConversion<string>().HasMaxLength(30);
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Closure).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.ClosureReason).HasMaxLength(Problems.MaxAsk);
        e.HasIndex(p => new { p.Status, p.ReportedAt });
        e.HasIndex(p => p.ReporterUserId);
        e.HasOne<Institution>().WithMany().HasForeignKey(p => p.ReporterInstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Problem>().WithMany().HasForeignKey(p => p.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProblemConcernConfiguration : IEntityTypeConfiguration<ProblemConcern>
{
    public void Configure(EntityTypeBuilder<ProblemConcern> e)
    {
        e.ToTable("problem_concerns");
        e.HasKey(c => new { c.ProblemId, c.InstitutionId });
        e.HasOne<Problem>().WithMany().HasForeignKey(c => c.ProblemId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Institution>().WithMany().HasForeignKey(c => c.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProblemRouteConfiguration : IEntityTypeConfiguration<ProblemRoute>
{
    public void Configure(EntityTypeBuilder<ProblemRoute> e)
    {
        e.ToTable("problem_routes");
        e.HasIndex(r => new { r.ProblemId, r.InstitutionId }).IsUnique();
        e.HasIndex(r => new { r.InstitutionId, r.Status, r.Deadline });
        e.Property(r => r.Ask).HasMaxLength(Problems.MaxAsk);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.DeadlineVersion).IsConcurrencyToken();
        e.HasOne<Problem>().WithMany().HasForeignKey(r => r.ProblemId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Institution>().WithMany().HasForeignKey(r => r.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProblemResponseConfiguration : IEntityTypeConfiguration<ProblemResponse>
{
    public void Configure(EntityTypeBuilder<ProblemResponse> e)
    {
        e.ToTable("problem_responses");
        e.HasIndex(r => new { r.RouteId, r.At });
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Text).HasMaxLength(Problems.MaxText);
        e.HasOne<ProblemRoute>().WithMany().HasForeignKey(r => r.RouteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeadlineExtensionConfiguration : IEntityTypeConfiguration<DeadlineExtension>
{
    public void Configure(EntityTypeBuilder<DeadlineExtension> e)
    {
        e.ToTable("problem_deadline_extensions");
        e.HasIndex(x => new { x.RouteId, x.Version }).IsUnique();
        e.Property(x => x.Reason).HasMaxLength(Problems.MaxAsk);
        e.HasOne<ProblemRoute>().WithMany().HasForeignKey(x => x.RouteId).OnDelete(DeleteBehavior.Cascade);
    }
}
