using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Coordination;

/// <summary>How the referral mechanism keeps its deadlines, for the Coordinator: counts only — no identifiers, no personal data, no case numbers.</summary>
public sealed class CoordinatorFigures(AriadneDbContext db, TimeProvider time)
{
    public sealed record Figures(int OverdueNow, int WaitingNow, int ReceivedLast30Days, int AcknowledgedLateLast30Days, int EscalatedLast30Days);

    /// <summary>The Coordinator's counts: no identifiers, no personal data, no case numbers.</summary>
    public async Task<Figures> ReadAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var since = now.AddDays(-30);
        var overdue = await db.Referrals.CountAsync(r => r.AcknowledgedAt == null && r.Status == ReferralStatus.Received && r.AcknowledgeBy <= now, ct);
        var waiting = await db.Referrals.CountAsync(r => r.Status == ReferralStatus.Received, ct);
        // The month's three figures in one pass over the referrals, not three (each Coordinator's home and figures pages read them).
        var month = await db.Referrals.Where(r => r.ReceivedAt >= since || (r.EscalatedAt != null && r.EscalatedAt >= since))
            .GroupBy(_ => 1).Select(g => new
            {
                Received = g.Count(r => r.ReceivedAt >= since),
                Late = g.Count(r => r.ReceivedAt >= since && r.AcknowledgedAt != null && r.AcknowledgedAt > r.AcknowledgeBy),
                Escalated = g.Count(r => r.EscalatedAt != null && r.EscalatedAt >= since),
            }).FirstOrDefaultAsync(ct);
        return new Figures(overdue, waiting, month?.Received ?? 0, month?.Late ?? 0, month?.Escalated ?? 0);
    }
}
