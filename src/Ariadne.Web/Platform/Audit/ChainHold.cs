namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// One transaction's chain (see <see cref="AuditChainHolds"/>): which chain, whether it holds this process's hint for it, and
/// the head its own appends have made so far, published as the chain's head once the transaction commits.
/// </summary>
public sealed class ChainHold(AuditChainHolds holds, int chain, bool hinted)
{
    private int _released = hinted ? 0 : 1;

    public int Chain { get; } = chain;

    /// <summary>The head after this transaction's last append (not committed yet), or null before its first.</summary>
    public ChainHead? Pending { get; set; }

    /// <summary>The transaction committed: its head becomes the chain's known head, and the chain is free for another.</summary>
    public void Committed()
    {
        if (Pending is { } head)
            holds.Committed(head);
        Release();
    }

    /// <summary>Frees the chain for this process's other transactions (once; later calls do nothing).</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            holds.Release(Chain);
    }
}
