using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Meetings;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> e)
    {
        e.ToTable("meetings");
        e.Property(m => m.Number).HasMaxLength(20);
        e.HasIndex(m => m.Number).IsUnique();
        e.Property(m => m.Title).HasMaxLength(CoordinationMeetings.MaxTitle);
        e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(m => m.Place).HasMaxLength(CoordinationMeetings.MaxTitle);
        e.Property(m => m.OnlineLink).HasMaxLength(500);
        e.HasIndex(m => m.StartsAt);
        e.HasOne<Institution>().WithMany().HasForeignKey(m => m.OrganizerInstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeetingInvitationConfiguration : IEntityTypeConfiguration<MeetingInvitation>
{
    public void Configure(EntityTypeBuilder<MeetingInvitation> e)
    {
        e.ToTable("meeting_invitations");
        e.Property(i => i.Attendance).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(i => new { i.MeetingId, i.InstitutionId, i.UserId }).IsUnique();
        e.HasIndex(i => i.InstitutionId);
        e.HasIndex(i => i.UserId);
        e.HasOne<Meeting>().WithMany().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Institution>().WithMany().HasForeignKey(i => i.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> e)
    {
        e.ToTable("meeting_agenda_items");
        e.Property(a => a.Title).HasMaxLength(CoordinationMeetings.MaxTitle);
        e.HasIndex(a => new { a.MeetingId, a.Order }).IsUnique();
        e.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingMinutesConfiguration : IEntityTypeConfiguration<MeetingMinutes>
{
    public void Configure(EntityTypeBuilder<MeetingMinutes> e)
    {
        e.ToTable("meeting_minutes");
        e.Property(m => m.Text).HasMaxLength(CoordinationMeetings.MaxMinutes);
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(m => new { m.MeetingId, m.Version }).IsUnique();
        e.HasOne<Meeting>().WithMany().HasForeignKey(m => m.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingDecisionConfiguration : IEntityTypeConfiguration<MeetingDecision>
{
    public void Configure(EntityTypeBuilder<MeetingDecision> e)
    {
        e.ToTable("meeting_decisions");
        e.Property(d => d.Text).HasMaxLength(CoordinationMeetings.MaxText);
        e.HasIndex(d => new { d.MeetingId, d.Number }).IsUnique();
        e.HasOne<Meeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> e)
    {
        e.ToTable("meeting_action_items");
        e.Property(a => a.Title).HasMaxLength(CoordinationMeetings.MaxText);
        e.Property(a => a.CompletionNote).HasMaxLength(CoordinationMeetings.MaxText);
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasIndex(a => new { a.MeetingId, a.Number }).IsUnique();
        e.HasIndex(a => new { a.OwnerInstitutionId, a.Status, a.DueOn });
        e.HasIndex(a => new { a.Status, a.DueOn });
        e.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Institution>().WithMany().HasForeignKey(a => a.OwnerInstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
