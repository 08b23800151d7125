using Ariadne.Web.Platform.Cluster;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// Wakes the helpline's live streams (the operator console, the supervisor board) when a contact or a chat changes.
/// On this node at once, on the other nodes through <see cref="NodeSignals"/>; a stream also polls, so a lost notification only delays.
/// </summary>
public sealed class HelplineSignal
{
    private const string Topic = "helpline";
    private readonly NodeSignals nodes;
    private TaskCompletionSource pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HelplineSignal(NodeSignals nodes)
    {
        this.nodes = nodes;
        nodes.Subscribe(Topic, _ => PulseHere());
    }

    public Task WaitAsync() => Volatile.Read(ref pulse).Task;

    public void Pulse()
    {
        PulseHere();
        nodes.Publish(Topic);
    }

    private void PulseHere() => Interlocked.Exchange(ref pulse, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
