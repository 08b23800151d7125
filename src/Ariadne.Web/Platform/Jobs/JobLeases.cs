using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Jobs;

public sealed class JobLeases(AriadneDbContext db, TimeProvider time)
{
    public static string NodeId { get; } = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];

    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + duration;
        var taken = await db.JobLeases.Where(l => l.Name == name && (l.ExpiresAt < now || l.Holder == NodeId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, NodeId).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
            return true;
        if (await db.JobLeases.AnyAsync(l => l.Name == name, cancellationToken))
            return false;
        try
        {
            db.JobLeases.Add(new JobLease { Name = name, Holder = NodeId, ExpiresAt = until });
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false; // another node inserted it first
        }
    }

    /// <summary>Gives up a lease this node holds, so that another node takes the job over at once.</summary>
    public Task ReleaseAsync(string name, CancellationToken cancellationToken) =>
        db.JobLeases.Where(l => l.Name == name && l.Holder == NodeId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, time.GetUtcNow().AddSeconds(-1)), cancellationToken);
}
