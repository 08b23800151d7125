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
        var received = await db.Referrals.CountAsync(r => r.ReceivedAt >= since, ct);
        var late = await db.Referrals.CountAsync(r => r.ReceivedAt >= since && r.AcknowledgedAt != null && r.AcknowledgedAt > r.AcknowledgeBy, ct);
        var escalated = await db.Referrals.CountAsync(r => r.EscalatedAt != null && r.EscalatedAt >= since, ct);
        return new Figures(overdue, waiting, received, late, escalated);
    }
}
