using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Helpline;

/// <summary>How <see cref="ChatSession"/> is stored.</summary>
internal sealed class ChatSessionConfiguration : IEntityTypeConfiguration<ChatSession>
{
    public void Configure(EntityTypeBuilder<ChatSession> e)
    {
        e.ToTable("helpline_chat_sessions");
        e.Property(s => s.TokenHash).HasMaxLength(64);
        e.HasIndex(s => s.TokenHash).IsUnique();
        e.Property(s => s.Language).HasMaxLength(8);
        e.Property(s => s.LastSeq).IsConcurrencyToken();
        // A send that read the chat open does not store after the chat ended (and its key was shredded): the end changes EndedAt.
        e.Property(s => s.EndedAt).IsConcurrencyToken();
        e.HasIndex(s => new { s.InstitutionId, s.EndedAt, s.StartedAt });
        e.HasIndex(s => new { s.EndedAt, s.LastVisitorSeenAt });
        e.HasOne<Institution>().WithMany().HasForeignKey(s => s.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<HelplineContact>().WithMany().HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>How <see cref="ChatMessage"/> is stored.</summary>
internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> e)
    {
        e.ToTable("helpline_chat_messages");
        e.Property(m => m.ClientMessageId).HasMaxLength(64);
        e.Property(m => m.TextEnc).IsEncrypted();
        e.HasIndex(m => new { m.SessionId, m.Seq }).IsUnique();
        e.HasIndex(m => new { m.SessionId, m.ClientMessageId }).IsUnique();
        e.HasOne<ChatSession>().WithMany().HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
