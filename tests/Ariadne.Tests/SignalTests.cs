using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Platform.Cluster;

namespace Ariadne.Tests;

/// <summary>The live streams' wake-ups on one node: who is woken by what.</summary>
public sealed class SignalTests
{
    [Fact]
    public void A_chats_pulse_wakes_everyone_waiting_on_that_chat_and_nobody_else()
    {
        var chats = new ChatSignal(new NodeSignals());
        var (one, other) = (Guid.NewGuid(), Guid.NewGuid());
        var (visitor, console, elsewhere) = (chats.WaitAsync(one), chats.WaitAsync(one), chats.WaitAsync(other));
        chats.Pulse(one);
        Assert.True(visitor.IsCompleted && console.IsCompleted);
        Assert.False(elsewhere.IsCompleted);
        // Waiting again after a pulse is a new wait.
        Assert.False(chats.WaitAsync(one).IsCompleted);
    }

    [Fact]
    public void A_stream_that_forgets_a_chat_wakes_the_others_waiting_on_it_rather_than_stranding_them()
    {
        var chats = new ChatSignal(new NodeSignals());
        var chat = Guid.NewGuid();
        var console = chats.WaitAsync(chat);
        _ = chats.WaitAsync(chat); // the visitor's stream, which then ends
        chats.Forget(chat);
        Assert.True(console.IsCompleted);
        // The console waits anew, and the chat's next pulse reaches it.
        var again = chats.WaitAsync(chat);
        Assert.False(again.IsCompleted);
        chats.Pulse(chat);
        Assert.True(again.IsCompleted);
    }

    [Fact]
    public void A_helplines_pulse_wakes_its_own_streams_only()
    {
        var helplines = new HelplineSignal(new NodeSignals());
        var (mine, theirs) = (Guid.NewGuid(), Guid.NewGuid());
        var (console, board, other) = (helplines.WaitAsync(mine), helplines.WaitAsync(mine), helplines.WaitAsync(theirs));
        helplines.Pulse(mine);
        Assert.True(console.IsCompleted && board.IsCompleted);
        Assert.False(other.IsCompleted);
    }
}
