using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Participants;

/// <summary>How <see cref="TrainingRecord"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> e)
    {
        e.ToTable("training_records");
        e.Property(t => t.Course).HasMaxLength(200);
        e.Property(t => t.Provider).HasMaxLength(200);
        e.Property(t => t.Topic).HasConversion<string>().HasMaxLength(40);
    }
}
