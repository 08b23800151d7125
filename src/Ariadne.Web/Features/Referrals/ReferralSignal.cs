using Ariadne.Web.Platform.Cluster;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// Wakes the duty desk's open event streams the moment a referral changes: on this node at once, and
/// on the other nodes through <see cref="NodeSignals"/> (PostgreSQL LISTEN/NOTIFY). Every stream also
/// re-reads the database each <see cref="DeskEvents.PollInterval"/>, so a lost notification only delays.
/// </summary>
public sealed class ReferralSignal
{
    private const string Topic = "referrals";
    private readonly NodeSignals nodes;
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReferralSignal(NodeSignals nodes)
    {
        this.nodes = nodes;
        nodes.Subscribe(Topic, _ => PulseHere());
    }

    public Task WaitAsync() => Volatile.Read(ref signal).Task;

    public void Pulse()
    {
        PulseHere();
        nodes.Publish(Topic);
    }

    private void PulseHere() => Interlocked.Exchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
