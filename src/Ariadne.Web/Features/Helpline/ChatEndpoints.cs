using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The web chat's HTTP surface. The visitor's side (<c>/chat/…</c>) is anonymous JSON: the chat's token travels only in the
/// <c>X-Chat-Token</c> header (never in an address or a cookie), so the live stream is read with fetch, not EventSource. No
/// cookie authenticates these calls, so antiforgery tokens do not apply; instead every call must carry a custom header (which a
/// cross-site form cannot send) and a cross-origin Origin is refused. Each is rate-limited per client address.
/// The operator's stream (<c>/helpline/chats/stream</c>) is cookie-authenticated, the helpline's staff only, like the duty desk's.
/// </summary>
public static class ChatEndpoints
{
    public const string TokenHeader = "X-Chat-Token";
    public const string StartHeader = "X-Chat-Start";
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan QueueSpread = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public sealed record StartRequest(string? Language);
    public sealed record StartResponse(string Token, bool OutOfHours);
    public sealed record SendRequest(string? ClientMessageId, string? Text, bool? Keep);
    public sealed record SendResponse(int Seq);
    public sealed record EndRequest(bool Keep);
    public sealed record ErrorResponse(string Error);
    public sealed record OperatorEvent(Guid Id, bool Ended, IReadOnlyList<ChatService.MessageView> Messages);
    public sealed record QueueEvent(int Waiting);

    public static void MapChat(this IEndpointRouteBuilder app)
    {
        var chat = app.MapGroup("/chat").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription().AddEndpointFilter(GuardAsync);
        chat.MapPost("/start", StartAsync).RequireRateLimiting(SecurityServices.ChatStartRateLimit);
        chat.MapPost("/send", SendAsync).RequireRateLimiting(SecurityServices.ChatSendRateLimit);
        chat.MapGet("/messages", MessagesAsync).RequireRateLimiting(SecurityServices.ChatReadRateLimit);
        chat.MapGet("/stream", VisitorStream).RequireRateLimiting(SecurityServices.ChatReadRateLimit);
        chat.MapPost("/end", EndAsync).RequireRateLimiting(SecurityServices.ChatSendRateLimit);
        app.MapGet("/helpline/chats/stream", OperatorStream).RequireAuthorization(Policies.Mfa).ExcludeFromDescription();
    }

    /// <summary>A cross-origin caller is refused; every call carries the chat's header (the token, or the start marker).</summary>
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.Headers.Origin is { Count: > 0 } origin
            && !string.Equals(origin.ToString(), $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        var start = request.Path.StartsWithSegments("/chat/start", StringComparison.OrdinalIgnoreCase);
        if (start ? request.Headers[StartHeader] != "1" : string.IsNullOrEmpty(request.Headers[TokenHeader]))
            return TypedResults.StatusCode(StatusCodes.Status401Unauthorized);
        return await next(context);
    }

    private static string? Token(HttpContext context) => context.Request.Headers[TokenHeader];

    private static async Task<Results<Ok<StartResponse>, StatusCodeHttpResult>> StartAsync(StartRequest? body, ChatService chats, CancellationToken ct) =>
        await chats.StartAsync(body?.Language, ct) is { } started
            ? TypedResults.Ok(new StartResponse(started.Token, started.OutOfHours))
            : TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<SendResponse>, BadRequest<ErrorResponse>, NotFound, Conflict<ErrorResponse>>> SendAsync(
        HttpContext context, SendRequest? body, ChatService chats, CancellationToken ct)
    {
        var result = await chats.SendAsync(Token(context), body?.ClientMessageId, body?.Text, body?.Keep, ct);
        return result.Status switch
        {
            ChatService.SendStatus.Sent => TypedResults.Ok(new SendResponse(result.Seq!.Value)),
            ChatService.SendStatus.Invalid => TypedResults.BadRequest(new ErrorResponse(result.Error!)),
            ChatService.SendStatus.Ended => TypedResults.Conflict(new ErrorResponse(result.Error!)),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Ok<ChatService.VisitorView>, NotFound>> MessagesAsync(HttpContext context, ChatService chats, int? after, CancellationToken ct) =>
        await chats.ReadAsync(Token(context), Math.Max(0, after ?? 0), ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> EndAsync(HttpContext context, EndRequest? body, ChatService chats, CancellationToken ct) =>
        await chats.EndAsync(Token(context), body?.Keep == true, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<ServerSentEventsResult<string>, NotFound>> VisitorStream(HttpContext context, ChatService chats, ChatSignal signal,
        IServiceScopeFactory scopes, TimeProvider time, int? after, CancellationToken ct)
    {
        var token = Token(context);
        if (await chats.StateAsync(token, ct) is not { } state)
            return TypedResults.NotFound();
        return TypedResults.ServerSentEvents(VisitorEvents(state.Id, token!, Math.Max(0, after ?? 0), signal, scopes, time, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> VisitorEvents(Guid id, string token, int cursor, ChatSignal signal, IServiceScopeFactory scopes,
        TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lifetime.CancelAfter(Lifetime);
        (bool Taken, bool Ended, bool OutOfHours)? last = null;
        try
        {
            while (!lifetime.IsCancellationRequested)
            {
                var wake = signal.WaitAsync(id);
                ChatService.VisitorView? view;
                await using (var scope = scopes.CreateAsyncScope())
                    view = await scope.ServiceProvider.GetRequiredService<ChatService>().ReadAsync(token, cursor, ct);
                if (view is null)
                    yield break;
                if (view.Messages.Count > 0 || last != (view.Taken, view.Ended, view.OutOfHours))
                {
                    yield return new SseItem<string>(JsonSerializer.Serialize(view, JsonSerializerOptions.Web), "chat") { ReconnectionInterval = TimeSpan.FromSeconds(3) };
                    cursor = view.Messages.Count > 0 ? view.Messages[^1].Seq : cursor;
                    last = (view.Taken, view.Ended, view.OutOfHours);
                }
                if (view.Ended)
                    yield break;
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
            }
        }
        finally
        {
            signal.Forget(id);
        }
    }

    private static Results<ServerSentEventsResult<string>, StatusCodeHttpResult> OperatorStream(HttpContext context, HelplineSignal signal, ChatSignal chatSignal,
        IServiceScopeFactory scopes, TimeProvider time)
    {
        var roles = context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (!HelplineRoles.IsStaff(roles))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        return TypedResults.ServerSentEvents(OperatorEvents(Viewer.Of(context.User), roles, signal, chatSignal, scopes, time, context.RequestAborted));
    }

    /// <summary>
    /// The console's stream: the waiting count when it changes, and for each chat the operator took, its new messages (the console
    /// fetches the transcript itself when it takes or reopens a chat, and again after the stream reconnects). It wakes when the
    /// operator's helpline's queue changes and when a chat the operator holds changes, not at every message of every chat.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> OperatorEvents(Viewer viewer, IReadOnlyCollection<string> roles, HelplineSignal signal,
        ChatSignal chatSignal, IServiceScopeFactory scopes, TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lifetime.CancelAfter(Lifetime);
        int? waiting = null;
        var cursors = new Dictionary<Guid, int>();
        var first = true;
        // The chats the stream waits on: those it held going on at its last read. Waits are taken before the read, so that a change
        // between the read and the wait is not missed.
        var held = new HashSet<Guid>();
        while (!lifetime.IsCancellationRequested)
        {
            var wakes = new List<Task>(held.Count + 1) { signal.WaitAsync(viewer.InstitutionId) };
            wakes.AddRange(held.Select(chatSignal.WaitAsync));
            var items = new List<SseItem<string>>();
            var unwatched = false;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var chats = scope.ServiceProvider.GetRequiredService<ChatService>();
                if (await chats.ConsoleStateAsync(viewer, roles, ct) is not { } state)
                    yield break;
                if (state.Waiting != waiting)
                {
                    items.Add(new SseItem<string>(JsonSerializer.Serialize(new QueueEvent(state.Waiting), JsonSerializerOptions.Web), "queue")
                    { ReconnectionInterval = TimeSpan.FromSeconds(3) });
                    waiting = state.Waiting;
                }
                var going = state.Mine.Where(m => !m.Value.Ended).Select(m => m.Key).ToHashSet();
                unwatched = !going.IsSubsetOf(held);
                held = going;
                var due = new Dictionary<Guid, int>();
                foreach (var (id, (lastSeq, ended)) in state.Mine)
                {
                    if (!cursors.TryGetValue(id, out var cursor))
                    {
                        // First sight: the console read the transcript itself; from here on, what is new.
                        cursors[id] = cursor = first ? lastSeq : 0;
                        if (first && !ended)
                            continue;
                    }
                    if (cursor != int.MaxValue && (lastSeq > cursor || ended))
                        due[id] = cursor;
                }
                foreach (var chat in await chats.LiveAsync(viewer, roles, due, ct))
                {
                    if (chat.Messages.Count > 0 || chat.Ended)
                        items.Add(new SseItem<string>(JsonSerializer.Serialize(new OperatorEvent(chat.Id, chat.Ended, chat.Messages), JsonSerializerOptions.Web), "chat"));
                    if (chat.Messages.Count > 0)
                        cursors[chat.Id] = chat.Messages[^1].Seq;
                    if (chat.Ended)
                        cursors[chat.Id] = int.MaxValue;
                }
            }
            first = false;
            foreach (var item in items)
                yield return item;
            // A chat taken since the last read is not yet waited on: read once more with a wait on it (nothing said in it is missed).
            if (unwatched)
                continue;
            try
            {
                // A change of the queue wakes every operator of the helpline at once: each reads after a random part of a second
                // (as the duty desk does, DeskEvents.Spread). Woken by a chat the operator holds (and not by the queue as well),
                // it reads at once.
                if (await Task.WhenAny(wakes).WaitAsync(PollInterval, time, lifetime.Token) == wakes[0])
                    await Task.Delay(Referrals.DeskEvents.Jitter(QueueSpread), lifetime.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
