namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// Wakes the helpline's live streams (the operator console, the supervisor board) when a contact or a chat changes.
/// One per node; a stream also polls, so a change made on another node is seen within the poll interval.
/// </summary>
public sealed class HelplineSignal
{
    private TaskCompletionSource pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync() => Volatile.Read(ref pulse).Task;

    public void Pulse() => Interlocked.Exchange(ref pulse, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
