using System.Collections.Concurrent;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// Wakes one chat's visitor stream when its chat changes (a reply, taken, ended), so that a message to one visitor does not
/// wake every visitor's stream. One per node; a stream also polls, so a change made on another node is seen within the poll.
/// </summary>
public sealed class ChatSignal
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> pulses = new();

    /// <summary>A task that completes at the chat's next pulse. Call <see cref="Forget"/> when the stream ends.</summary>
    public Task WaitAsync(Guid sessionId) =>
        pulses.GetOrAdd(sessionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Pulse(Guid sessionId)
    {
        if (pulses.TryRemove(sessionId, out var pulse))
            pulse.TrySetResult();
    }

    public void Forget(Guid sessionId) => pulses.TryRemove(sessionId, out _);
}
