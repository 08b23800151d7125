using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// Server-sent events for the operator console and the supervisor board: an event whenever the helpline's queue changes,
/// carrying counts and a cursor only (never a number or anything said); the page then fetches its rows. A stream lives five
/// minutes and the browser reconnects; without JavaScript the pages refresh themselves.
/// </summary>
public static class HelplineEvents
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public sealed record QueueEvent(int Waiting, int Open, long Latest);

    public static void MapHelplineEvents(this IEndpointRouteBuilder app) =>
        app.MapGet("/helpline/events", Stream).RequireAuthorization(Platform.Security.Policies.Mfa).ExcludeFromDescription();

    private static Results<ServerSentEventsResult<string>, StatusCodeHttpResult> Stream(HttpContext context, HelplineSignal signal, IServiceScopeFactory scopes, TimeProvider time)
    {
        if (!HelplineRoles.IsStaff(context.User.FindAll(ClaimTypes.Role).Select(c => c.Value)))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        return TypedResults.ServerSentEvents(Events(Viewer.Of(context.User), signal, scopes, time, context.RequestAborted));
    }

    /// <summary>The counts the console shows, for the viewer's helpline.</summary>
    public static async Task<QueueEvent> StateAsync(Platform.Data.AriadneDbContext db, Guid institutionId, CancellationToken ct)
    {
        var open = db.HelplineContacts.AsNoTracking().Where(c => c.InstitutionId == institutionId && c.Status != ContactStatus.Closed);
        var waiting = await open.CountAsync(c => c.Status == ContactStatus.Waiting, ct);
        var count = await open.CountAsync(ct);
        var latest = await db.HelplineContacts.AsNoTracking().Where(c => c.InstitutionId == institutionId)
            .OrderByDescending(c => c.UpdatedAt).Select(c => (DateTimeOffset?)c.UpdatedAt).FirstOrDefaultAsync(ct);
        return new QueueEvent(waiting, count, latest?.UtcTicks ?? 0);
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(Viewer viewer, HelplineSignal signal, IServiceScopeFactory scopes, TimeProvider time,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lifetime.CancelAfter(Lifetime);
        QueueEvent? last = null;
        while (!lifetime.IsCancellationRequested)
        {
            var wake = signal.WaitAsync(viewer.InstitutionId);
            QueueEvent current;
            await using (var scope = scopes.CreateAsyncScope())
                current = await StateAsync(scope.ServiceProvider.GetRequiredService<Platform.Data.AriadneDbContext>(), viewer.InstitutionId, ct);
            if (current != last)
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(current, JsonSerializerOptions.Web), "queue") { ReconnectionInterval = TimeSpan.FromSeconds(3) };
                last = current;
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
                // Every console and board of the helpline wakes at once: each reads after a random part of a second (after a
                // poll too: the streams woken together would poll together from then on).
                await Task.Delay(Referrals.DeskEvents.Jitter(Referrals.DeskEvents.Spread), lifetime.Token);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
