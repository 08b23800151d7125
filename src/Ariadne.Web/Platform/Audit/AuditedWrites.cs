using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// The one way to do an audited write. It opens the transaction (under the provider's execution strategy,
/// or joins the caller's), takes the audit chain's lock first when the work hands out a "next" key, runs the
/// work, appends the audit event the work returns — with the viewer as actor unless the record names one —
/// and commits: the change and its event stand or fall together. <see cref="RunOnceAsync{T}"/> adds the
/// <c>Idempotency-Key</c> rules: the same key and body give the first result again, another body is refused,
/// and a concurrent twin that loses the race reads the winner's result.
/// </summary>
public sealed class AuditedWrites(AriadneDbContext db, AuditTrail audit, TimeProvider time)
{
    public Task<T> RunAsync<T>(Viewer? viewer, Func<CancellationToken, Task<Audited<T>>> work, CancellationToken cancellationToken = default) =>
        RunAsync(viewer, work, serializeFirst: false, cancellationToken);

    /// <summary>The same, taking the chain's lock before the work: for work that hands out a unique "next" key (a number, a recency).</summary>
    public Task<T> RunSerializedAsync<T>(Viewer? viewer, Func<CancellationToken, Task<Audited<T>>> work, CancellationToken cancellationToken = default) =>
        RunAsync(viewer, work, serializeFirst: true, cancellationToken);

    private async Task<T> RunAsync<T>(Viewer? viewer, Func<CancellationToken, Task<Audited<T>>> work, bool serializeFirst, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
            return await RunInsideAsync(viewer, work, null, serializeFirst, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await RunInsideAsync(viewer, work, null, serializeFirst, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    public Task<Once<T>> RunOnceAsync<T>(Viewer viewer, IdempotentRequest request, Func<CancellationToken, Task<Audited<T>>> work,
        Func<Guid, CancellationToken, Task<T>> replay, CancellationToken cancellationToken = default) =>
        RunOnceAsync(viewer, request, work, replay, serializeFirst: true, cancellationToken);

    /// <summary>
    /// <see cref="RunOnceAsync{T}(Viewer, IdempotentRequest, Func{CancellationToken, Task{Audited{T}}}, Func{Guid, CancellationToken, Task{T}}, CancellationToken)"/>
    /// without the writers' lock: only for work that hands out no "next" key and whose races a unique index settles. It then does
    /// not queue behind every other idempotent write (the load run of 2026-12-07 found API writes waiting 2.5 s on average for
    /// that one lock).
    /// </summary>
    public Task<Once<T>> RunOnceUnserializedAsync<T>(Viewer viewer, IdempotentRequest request, Func<CancellationToken, Task<Audited<T>>> work,
        Func<Guid, CancellationToken, Task<T>> replay, CancellationToken cancellationToken = default) =>
        RunOnceAsync(viewer, request, work, replay, serializeFirst: false, cancellationToken);

    private async Task<Once<T>> RunOnceAsync<T>(Viewer viewer, IdempotentRequest request, Func<CancellationToken, Task<Audited<T>>> work,
        Func<Guid, CancellationToken, Task<T>> replay, bool serializeFirst, CancellationToken cancellationToken)
    {
        if (await PreviousAsync() is { } previous)
            return previous;
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            var done = await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // A create usually hands out a "next" key (number, recency): the writers' lock is taken first, unless the caller says otherwise.
                var result = await RunInsideAsync(viewer, work, request, serializeFirst, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            });
            return new Once<T>(OnceOutcome.Done, done);
        }
        catch (DbUpdateException)
        {
            // A twin with the same key committed first: its (user, key) row refused ours. Answer with its result.
            db.ChangeTracker.Clear();
            if (await PreviousAsync() is { } twin)
                return twin;
            throw; // another unique value clashed (e.g. a code taken meanwhile): the caller maps it
        }

        async Task<Once<T>?> PreviousAsync()
        {
            var (outcome, id) = await Idempotency.LookupAsync(db, viewer.UserId, request.Key, request.RequestHash, request.ResourceType, cancellationToken);
            return outcome switch
            {
                Idempotency.Outcome.Replay => new Once<T>(OnceOutcome.Replayed, await replay(id, cancellationToken)),
                Idempotency.Outcome.Conflict => new Once<T>(OnceOutcome.KeyConflict, default),
                _ => null,
            };
        }
    }

    /// <summary>
    /// Whether the key was used before: replayed (the same body; the resource it made) or refused (another body); null when it is new
    /// or there is no key. Asked before validation that the first write changes (a stage moves on, a party is now in the request),
    /// so that a retry is answered as done rather than refused.
    /// </summary>
    public async Task<Once<Guid>?> SeenAsync(Viewer viewer, IdempotentRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null)
            return null;
        var (outcome, id) = await Idempotency.LookupAsync(db, viewer.UserId, request.Key, request.RequestHash, request.ResourceType, cancellationToken);
        return outcome switch
        {
            Idempotency.Outcome.Replay => new Once<Guid>(OnceOutcome.Replayed, id),
            Idempotency.Outcome.Conflict => new Once<Guid>(OnceOutcome.KeyConflict, Guid.Empty),
            _ => null,
        };
    }

    private async Task<T> RunInsideAsync<T>(Viewer? viewer, Func<CancellationToken, Task<Audited<T>>> work, IdempotentRequest? request,
        bool serializeFirst, CancellationToken cancellationToken)
    {
        if (serializeFirst)
            await audit.SerializeWritersAsync(cancellationToken);
        var (result, record, resourceId) = await work(cancellationToken);
        if (request is not null)
            Idempotency.Remember(db, viewer!.UserId, request.Key, request.RequestHash, request.ResourceType,
                resourceId ?? throw new InvalidOperationException("An idempotent write names the resource it made."), time.GetUtcNow());
        if (viewer is not null && record.ActorUserId is null)
            record = record with { ActorUserId = viewer.UserId, ActorInstitutionId = viewer.InstitutionId };
        await audit.AppendAsync(record, cancellationToken); // saves the work's changes with the event
        return result;
    }
}
