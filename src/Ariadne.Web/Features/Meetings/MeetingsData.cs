using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Meetings;

/// <summary>The meetings' tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class MeetingsData
{
    extension(AriadneDbContext db)
    {
        public DbSet<Meeting> Meetings => db.Set<Meeting>();
        public DbSet<MeetingInvitation> MeetingInvitations => db.Set<MeetingInvitation>();
        public DbSet<AgendaItem> AgendaItems => db.Set<AgendaItem>();
        public DbSet<MeetingMinutes> MeetingMinutes => db.Set<MeetingMinutes>();
        public DbSet<MeetingDecision> MeetingDecisions => db.Set<MeetingDecision>();
        public DbSet<ActionItem> ActionItems => db.Set<ActionItem>();
    }
}
