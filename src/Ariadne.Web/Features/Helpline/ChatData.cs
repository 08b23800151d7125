using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The web chat's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class ChatData
{
    extension(AriadneDbContext db)
    {
        public DbSet<ChatSession> ChatSessions => db.Set<ChatSession>();
        public DbSet<ChatMessage> ChatMessages => db.Set<ChatMessage>();
    }
}
