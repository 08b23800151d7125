using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Helpline;

/// <summary>How <see cref="HelplineContact"/> is stored.</summary>
internal sealed class HelplineContactConfiguration : IEntityTypeConfiguration<HelplineContact>
{
    public void Configure(EntityTypeBuilder<HelplineContact> e)
    {
        e.ToTable("helpline_contacts");
        e.Property(c => c.Number).HasMaxLength(20);
        e.HasIndex(c => c.Number).IsUnique();
        e.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.CallerType).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Language).HasMaxLength(8);
        e.Property(c => c.Category).HasConversion<string>().HasMaxLength(30);
        e.Property(c => c.NonData).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.ConsentBasis).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.ForwardingRule).HasMaxLength(40);
        e.Property(c => c.HeldReason).HasMaxLength(40);
        e.Property(c => c.Override).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.ExternalCallId).HasMaxLength(100);
        e.Property(c => c.CallerHash).HasMaxLength(32);
        e.Property(c => c.SummaryEnc).IsEncrypted();
        e.Property(c => c.WhereaboutsEnc).IsEncrypted();
        e.Property(c => c.OverrideReasonEnc).IsEncrypted();
        e.HasIndex(c => new { c.InstitutionId, c.ExternalCallId }).IsUnique();
        e.HasIndex(c => new { c.InstitutionId, c.Status, c.ReceivedAt });
        // The console's list past the waiting ones: the helpline's newest contacts (ContactService.ListAsync).
        e.HasIndex(c => new { c.InstitutionId, c.ReceivedAt });
        // The live streams' cursor: the helpline's latest change (HelplineEvents.StateAsync, at every wake of every console).
        e.HasIndex(c => new { c.InstitutionId, c.UpdatedAt });
        e.HasIndex(c => new { c.InstitutionId, c.CallerHash });
        e.HasIndex(c => c.ForwardBy);
        e.HasOne<Institution>().WithMany().HasForeignKey(c => c.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>How <see cref="CallerFlag"/> is stored.</summary>
internal sealed class CallerFlagConfiguration : IEntityTypeConfiguration<CallerFlag>
{
    public void Configure(EntityTypeBuilder<CallerFlag> e)
    {
        e.ToTable("helpline_caller_flags");
        e.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(f => f.CallerHash).HasMaxLength(32);
        e.Property(f => f.NoteEnc).IsEncrypted();
        e.HasIndex(f => new { f.InstitutionId, f.CallerHash, f.ExpiresAt });
        e.HasOne<Institution>().WithMany().HasForeignKey(f => f.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
