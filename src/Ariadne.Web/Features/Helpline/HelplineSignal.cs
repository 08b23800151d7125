using System.Collections.Concurrent;
using Ariadne.Web.Platform.Cluster;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// Wakes one helpline's live streams (the operator console, the supervisor board) when its queue or its contacts change: a chat
/// started, taken or ended, a contact opened, saved or forwarded. A chat's messages do not pulse it: they wake the chat's own
/// streams through <see cref="ChatSignal"/> (the visitor's, and the console of the operator who took it), so that one message does
/// not make every operator of every helpline read the queue again. On this node at once, on the other nodes through
/// <see cref="NodeSignals"/> (the key is the institution's id, nothing more); a stream also polls, so a lost notification only delays.
/// </summary>
public sealed class HelplineSignal
{
    private const string Topic = "helpline";
    private readonly NodeSignals nodes;
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> pulses = new();

    public HelplineSignal(NodeSignals nodes)
    {
        this.nodes = nodes;
        nodes.Subscribe(Topic, key =>
        {
            if (key is null)
            {
                // Notifications may have been lost: every helpline's streams on this node wake and re-read.
                foreach (var id in pulses.Keys)
                    PulseHere(id);
            }
            else if (Guid.TryParseExact(key, "N", out var id))
            {
                PulseHere(id);
            }
        });
    }

    /// <summary>A task that completes at the helpline's next pulse (one entry per helpline institution, so nothing to forget).</summary>
    public Task WaitAsync(Guid institutionId) =>
        pulses.GetOrAdd(institutionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Pulse(Guid institutionId)
    {
        PulseHere(institutionId);
        nodes.Publish(Topic, institutionId.ToString("N"));
    }

    private void PulseHere(Guid institutionId)
    {
        if (pulses.TryRemove(institutionId, out var pulse))
            pulse.TrySetResult();
    }
}
