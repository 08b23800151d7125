using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Training;

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> e)
    {
        e.ToTable("training_courses");
        e.Property(c => c.Code).HasMaxLength(40);
        e.HasIndex(c => c.Code).IsUnique();
        e.Property(c => c.TitleAz).HasMaxLength(200);
        e.Property(c => c.TitleRu).HasMaxLength(200);
        e.Property(c => c.TitleEn).HasMaxLength(200);
        e.Property(c => c.Description).HasMaxLength(2000);
        e.Property(c => c.Topic).HasConversion<string>().HasMaxLength(40);
        e.Property(c => c.Provider).HasMaxLength(200);
    }
}

internal sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> e)
    {
        e.ToTable("training_sessions");
        e.Property(s => s.Place).HasMaxLength(200);
        e.Property(s => s.Language).HasMaxLength(2);
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(s => new { s.CourseId, s.StartsOn });
        e.HasOne<TrainingCourse>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SessionTrainerConfiguration : IEntityTypeConfiguration<SessionTrainer>
{
    public void Configure(EntityTypeBuilder<SessionTrainer> e)
    {
        e.ToTable("training_session_trainers");
        e.Property(t => t.Name).HasMaxLength(200);
        e.Property(t => t.Organisation).HasMaxLength(200);
        e.HasOne<TrainingSession>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrainingEnrolmentConfiguration : IEntityTypeConfiguration<TrainingEnrolment>
{
    public void Configure(EntityTypeBuilder<TrainingEnrolment> e)
    {
        e.ToTable("training_enrolments");
        e.HasIndex(x => new { x.SessionId, x.UserId }).IsUnique();
        e.HasIndex(x => x.UserId);
        e.Property(x => x.Attendance).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Result).HasConversion<string>().HasMaxLength(20);
        e.HasOne<TrainingSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingCertificateConfiguration : IEntityTypeConfiguration<TrainingCertificate>
{
    public void Configure(EntityTypeBuilder<TrainingCertificate> e)
    {
        e.ToTable("training_certificates");
        e.Property(c => c.Number).HasMaxLength(20);
        e.HasIndex(c => c.Number).IsUnique();
        // One certificate per enrolment: issuing twice (a retried post, two managers at once) is refused by the database.
        e.HasIndex(c => c.EnrolmentId).IsUnique();
        e.HasIndex(c => c.UserId);
        e.HasIndex(c => c.ExpiresOn);
        e.Property(c => c.Topic).HasConversion<string>().HasMaxLength(40);
        e.Property(c => c.CourseTitle).HasMaxLength(200);
        e.Property(c => c.Provider).HasMaxLength(200);
        e.Property(c => c.ExternalNumber).HasMaxLength(100);
        e.Property(c => c.ExternalReference).HasMaxLength(300);
        e.Property(c => c.RevocationReason).HasMaxLength(1000);
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
