using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Tells <see cref="AuditChainHolds"/> how a transaction that appended to a chain ended: committed, its chain's head is what
/// it wrote; rolled back or failed, the head is what it was. Either way the chain is free for this process's next transaction.
/// </summary>
public sealed class AuditCommitInterceptor(AuditChainHolds holds) : DbTransactionInterceptor
{
    // Npgsql hands the same transaction object to each transaction of a pooled connection: a new one forgets what an earlier one
    // left when it was disposed without a commit or a rollback (EF tells interceptors nothing then).
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        End(result, false);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        End(result, false);
        return ValueTask.FromResult(result);
    }

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
        // A savepoint that failed leaves the transaction open; a commit or a rollback that failed ends it.
        if (eventData.Action is not ("Commit" or "Rollback"))
            return;
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
