using System.Collections.Concurrent;
using Ariadne.Web.Platform.Cluster;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// Wakes one chat's streams when the chat changes (a message either way, taken, ended): the visitor's, and the console of the
/// operator who took it, so that a message in one chat does not wake every visitor's or operator's stream. On this node at
/// once, on the other nodes through <see cref="NodeSignals"/> (the key is the chat's random id, nothing more); a stream also
/// polls, so a lost notification only delays.
/// </summary>
public sealed class ChatSignal
{
    private const string Topic = "chat";
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> pulses = new();
    private readonly NodeSignals nodes;

    public ChatSignal(NodeSignals nodes)
    {
        this.nodes = nodes;
        nodes.Subscribe(Topic, key =>
        {
            if (key is null)
            {
                // Notifications may have been lost: every stream on this node wakes and re-reads.
                foreach (var id in pulses.Keys)
                    PulseHere(id);
            }
            else if (Guid.TryParseExact(key, "N", out var id))
            {
                PulseHere(id);
            }
        });
    }

    /// <summary>
    /// A task that completes at the chat's next pulse. The visitor's stream calls <see cref="Forget"/> when it ends; the operator's
    /// console does not (its entries go at the chat's next pulse, which its end always sends), since forgetting wakes every waiter.
    /// </summary>
    public Task WaitAsync(Guid sessionId) =>
        pulses.GetOrAdd(sessionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Pulse(Guid sessionId)
    {
        PulseHere(sessionId);
        nodes.Publish(Topic, sessionId.ToString("N"));
    }

    private void PulseHere(Guid sessionId)
    {
        if (pulses.TryRemove(sessionId, out var pulse))
            pulse.TrySetResult();
    }

    /// <summary>
    /// The stream no longer waits: the chat's entry goes. Others may wait on the same chat (its operator's console, a second
    /// visitor stream after a reconnect): they are woken, read again and wait anew, rather than left waiting on a task nobody pulses.
    /// </summary>
    public void Forget(Guid sessionId) => PulseHere(sessionId);
}
