using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Tells <see cref="AuditChainHolds"/> how a transaction that appended to a chain ended: committed, its chain's head is what
/// it wrote; rolled back or failed, the head is what it was. Either way the chain is free for this process's next transaction.
/// </summary>
public sealed class AuditCommitInterceptor(AuditChainHolds holds) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => End(transaction, true);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        End(transaction, true);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => End(transaction, false);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        End(transaction, false);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Failed(transaction, eventData);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Failed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        // A commit that failed may still have committed: what this process knows of the chain's head is no longer sure.
        if (eventData.Action == "Commit" && holds.Of(transaction) is { } hold)
            holds.Forget(hold.Chain);
        End(transaction, false);
    }

    private void End(DbTransaction transaction, bool committed)
    {
        if (holds.Of(transaction) is not { } hold)
            return;
        holds.Untrack(transaction);
        if (committed)
            hold.Committed();
        else
            hold.Release();
    }
}
