namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// Wakes the duty desk's open event streams on this node the moment a referral changes. Other nodes
/// notice within <see cref="DeskEvents.PollInterval"/> because every stream also re-reads the
/// database: the push is fast on one node and still correct on many.
/// </summary>
public sealed class ReferralSignal
{
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync() => Volatile.Read(ref signal).Task;

    public void Pulse() => Interlocked.Exchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
