using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Notifications;

/// <summary>How <see cref="Notification"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.ToTable("notifications");
        e.Property(n => n.Kind).HasMaxLength(40);
        e.Property(n => n.RecipientRole).HasMaxLength(40);
        e.Property(n => n.CaseNumber).HasMaxLength(20);
        e.HasIndex(n => n.RecipientUserId);
        e.HasIndex(n => n.RecipientInstitutionId);
    }
}
