using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// Server-sent events for the duty desk: an event whenever the queue changes, carrying counts and a
/// cursor only (never a name or a number). The page then fetches the updated table. A stream lives
/// five minutes and the browser reconnects, so a session that ended is noticed; without JavaScript or
/// when the stream fails, the page falls back to refreshing itself.
/// </summary>
public static class DeskEvents
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The least time between two events of one stream: a burst of changes (referrals arriving while others are acknowledged and
    /// closed) becomes one refresh of the table, not one per change for every officer at the desk. Real time, not the
    /// deployment's clock: it paces a connection, it dates nothing. Nothing is lost: the state is read again after the pause.
    /// </summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After a wake (or its poll), each stream waits a random part of this before it reads: one referral wakes every officer's
    /// stream at once, and each page then fetches its table, so a desk of twenty read the database forty times in the same
    /// instant (bursts of 16-23 connections in use at once in the load run). Spread over a second, the reads come one after
    /// another. Real time.
    /// </summary>
    public static readonly TimeSpan Spread = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <paramref name="Open"/>: the desk's open referrals; <paramref name="Latest"/>: the newest open one's key (it goes down when
    /// that one closes); <paramref name="Arrived"/>: how many open referrals this stream had not seen open at its last event (0 in
    /// the first, so the page also compares the rows it shows), so that the page can say "new" whatever order the keys commit in.
    /// </summary>
    public sealed record DeskEvent(int Waiting, int Open, long Latest, int Arrived);

    public static void MapDeskEvents(this IEndpointRouteBuilder app) =>
        app.MapGet("/referrals/desk/events", Stream).RequireAuthorization(Platform.Security.Policies.Mfa).ExcludeFromDescription();

    private static Results<ServerSentEventsResult<string>, StatusCodeHttpResult> Stream(HttpContext context, ReferralSignal signal, IServiceScopeFactory scopes, TimeProvider time)
    {
        var viewer = Viewer.Of(context.User);
        if (!viewer.OnDutyDesk)
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        return TypedResults.ServerSentEvents(Events(viewer, signal, scopes, time, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(Viewer viewer, ReferralSignal signal, IServiceScopeFactory scopes, TimeProvider time,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lifetime.CancelAfter(Lifetime);
        IReadOnlySet<(long Sequence, ReferralStatus Status)>? last = null;
        while (!lifetime.IsCancellationRequested)
        {
            var wake = signal.WaitAsync();
            ReferralDesk.DeskState state;
            await using (var scope = scopes.CreateAsyncScope())
                state = await scope.ServiceProvider.GetRequiredService<ReferralDesk>().DeskStateAsync(viewer, ct);
            if (last is null || !last.SetEquals(state.Open))
            {
                var seen = last?.Select(o => o.Sequence).ToHashSet();
                var arrived = seen is null ? 0 : state.Open.Count(o => !seen.Contains(o.Sequence));
                var current = new DeskEvent(state.Waiting, state.Open.Count, state.Latest, arrived);
                yield return new SseItem<string>(JsonSerializer.Serialize(current, JsonSerializerOptions.Web), "desk") { ReconnectionInterval = TimeSpan.FromSeconds(3) };
                last = state.Open;
                try
                {
                    await Task.Delay(Coalesce, lifetime.Token);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                continue;
            }
            try
            {
                await wake.WaitAsync(PollInterval, time, lifetime.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            try
            {
                await Task.Delay(Jitter(Spread), lifetime.Token);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    /// <summary>A random wait of up to <paramref name="spread"/>: the streams woken together read one after another.</summary>
    public static TimeSpan Jitter(TimeSpan spread) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * spread.TotalMilliseconds);
}
