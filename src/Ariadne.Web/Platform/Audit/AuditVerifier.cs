using System.Security.Cryptography;
using System.Threading.Channels;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Checks the whole trail, chain by chain: each chain's events hold the places 1, 2, 3… without gaps, in
/// increasing global order; every event's hash matches its content (which includes its chain and place);
/// every event links to the hash of the one before it in its chain; and every signed checkpoint's chain heads
/// are found in the chains (a version 1 checkpoint: its Merkle root equals the root recomputed over that many
/// events), under a signature by the audit key. Alteration, removal, reordering and insertion each break at least
/// one of these. Each event's MAC (key ring only) must match its hash: a rewritten or forged event is named where
/// it starts, even before a checkpoint covers it; every event with a place has a MAC; an event written before
/// chains without a MAC is accepted only where a signed checkpoint covers it and never after one with a MAC. With
/// a head copy kept outside the database, events and checkpoints cut from the end are caught too. The result counts
/// the events that no checkpoint covers yet.
/// The rows are read in one statement (one consistent snapshot, however many appends go on meanwhile) in global
/// order, and hashed on every core. With a state file (<see cref="AuditVerifyState"/>), verification starts at the
/// chain heads of the last checkpoint an earlier run found intact and checks only what came after it.
/// </summary>
public sealed class AuditVerifier(AriadneDbContext db, KeyRing keys)
{
    public sealed record Result(bool Intact, long Events, int Checkpoints, long? FirstBadSequence, string? Problem, long Uncovered = 0,
        bool HeadChecked = false, long Checked = 0, long? FromCheckpoint = null);

    private const int Batch = 8192;

    /// <summary>Thrown inside the check to stop at the first problem.</summary>
    private sealed class BrokenException(long sequence, string problem) : Exception(problem)
    {
        public long Sequence { get; } = sequence;
    }

    /// <summary>An incremental run that cannot start from its state (a chain it does not know began before it) verifies everything.</summary>
    private sealed class StartOverException : Exception;

    private sealed record Expectation(AuditCheckpoint? Checkpoint, byte[] Hash, bool SignatureValid, string? What = null);

    /// <summary>Where one chain stands in the walk.</summary>
    private sealed class ChainState(int chain)
    {
        public int Chain { get; } = chain;
        public long Position { get; set; }
        public long LastSequence { get; set; }
        public byte[] Previous { get; set; } = AuditHashing.Genesis;
        /// <summary>Events up to here are already verified (incremental run): they are skipped.</summary>
        public long StartSequence { get; set; }
        public long StartPosition { get; set; }
        public bool Placed { get; set; }
        public long FirstMac { get; set; }
        /// <summary>The place of the last head a checkpoint vouched for, and the number of the event after it.</summary>
        public long GoodThrough { get; set; }
        public long AfterGood { get; set; }
        public SortedDictionary<long, List<Expectation>> Expected { get; } = [];
        public bool Known { get; set; }
    }

    /// <param name="headFile">A head copy (<c>Audit:HeadCopyFile</c>) to check the trail against, or null.</param>
    public Task<Result> VerifyAsync(string? headFile = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(headFile, null, cancellationToken);

    /// <param name="headFile">A head copy (<c>Audit:HeadCopyFile</c>) to check the trail against, or null.</param>
    /// <param name="stateFile">Verify from the state this file holds (if any), and leave in it the last checkpoint found intact.</param>
    public async Task<Result> VerifyAsync(string? headFile, string? stateFile, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                return await RunAsync(headFile, stateFile, incremental: stateFile is not null, cancellationToken);
            }
            catch (StartOverException)
            {
                return await RunAsync(headFile, stateFile, incremental: false, cancellationToken);
            }
        }
        catch (BrokenException broken)
        {
            return Broken(broken.Sequence, broken.Message, 0);
        }
    }

    private async Task<Result> RunAsync(string? headFile, string? stateFile, bool incremental, CancellationToken cancellationToken)
    {
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        AuditHead? head = null;
        if (headFile is not null)
        {
            (head, var unreadable) = AuditHead.Load(headFile);
            if (head is null)
                return Broken(1, unreadable!, 0);
            if (!head.IsSignedBy(keys))
                return Broken(1, $"the head copy {headFile} has no valid signature", 0);
        }

        var chains = new Dictionary<int, ChainState>();
        ChainState Chain(int c) => chains.TryGetValue(c, out var s) ? s : chains[c] = new ChainState(c);

        // Where an incremental run starts: the heads of the last checkpoint found intact, each still where it was.
        AuditCheckpoint? from = null;
        if (incremental)
        {
            var (state, unreadable) = AuditVerifyState.Load(stateFile!);
            if (unreadable is not null)
                return Refused(unreadable);
            if (state is null)
                incremental = false;
            else
            {
                if (state.VerifiedHeads(keys) is not { } verified)
                    return Refused($"the state file {stateFile} was not written by this deployment's verifier (its MAC does not match)");
                from = checkpoints.FirstOrDefault(c => c.Id == state.CheckpointId);
                if (from is null || from.TreeSize != state.TreeSize || Convert.ToHexString(from.RootHash) != state.RootHash)
                    return Broken(verified.Count > 0 ? verified.Min(h => h.Sequence) : 1,
                        $"checkpoint {state.CheckpointId}, found intact by an earlier verification, is missing or changed: checkpoints were removed", 0);
                foreach (var h in verified)
                {
                    var now = await db.AuditEvents.AsNoTracking()
                        .Where(e => e.Chain == h.Chain && (e.Position == h.Position || (e.Position == null && e.Sequence == h.Position)))
                        .Select(e => new { e.Sequence, e.Hash, e.Position, HasMac = e.Mac != null }).FirstOrDefaultAsync(cancellationToken);
                    if (now is null || now.Sequence != h.Sequence || !CryptographicOperations.FixedTimeEquals(now.Hash, h.Hash))
                        return Broken(h.Sequence, $"event #{h.Sequence}, the head of chain {h.Chain} at checkpoint {from.Id} found intact earlier, was changed or removed", 0);
                    var s = Chain(h.Chain);
                    (s.Position, s.LastSequence, s.Previous, s.StartSequence, s.StartPosition, s.GoodThrough, s.Known, s.Placed, s.FirstMac) =
                        (h.Position, h.Sequence, h.Hash, h.Sequence, h.Position, h.Position, true,
                            // A head from before chains (a version 1 checkpoint) has no place: the events after it may not have one either.
                            now.Position is not null, now.HasMac ? now.Sequence : 0);
                }
            }
        }

        // What the checkpoints (and the head copy) say each chain holds.
        var v1 = new List<(AuditCheckpoint? Checkpoint, bool Valid, string? What)>(); // version 1: Merkle roots over chain 0
        var coveredOnChainZero = 0L;
        // After a signing-key rotation a retired key vouches only for what precedes the first checkpoint of a later key: a stolen
        // retired key cannot backdate a checkpoint past the one the new key signed at the rotation.
        var firstOfRankOrLater = new Dictionary<int, long>();
        foreach (var c in checkpoints)
            for (var rank = keys.SigningKeyRank(c.KeyId); rank >= 0; rank--)
                firstOfRankOrLater[rank] = Math.Min(firstOfRankOrLater.GetValueOrDefault(rank, long.MaxValue), c.TreeSize);
        foreach (var checkpoint in checkpoints)
        {
            var rank = keys.SigningKeyRank(checkpoint.KeyId);
            var valid = keys.VerifySigned(checkpoint.KeyId, checkpoint.CreatedAt,
                    AuditHashing.CheckpointStatement(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.CreatedAt, checkpoint.Heads is not null), checkpoint.Signature)
                && checkpoint.TreeSize <= firstOfRankOrLater.GetValueOrDefault(rank + 1, long.MaxValue);
            if (checkpoint.Heads is null)
            {
                v1.Add((checkpoint, valid, null));
                coveredOnChainZero = Math.Max(coveredOnChainZero, checkpoint.TreeSize);
                continue;
            }
            if (ChainHead.Decode(checkpoint.Heads) is not { } heads || heads.Sum(h => h.Position) != checkpoint.TreeSize
                || !CryptographicOperations.FixedTimeEquals(ChainHead.Root(checkpoint.Heads), checkpoint.RootHash))
                return Broken(1, $"checkpoint {checkpoint.Id} does not match its own chain heads: it was forged", 0);
            foreach (var h in heads)
            {
                Expect(Chain(h.Chain), h.Position, new Expectation(checkpoint, h.Hash, valid));
                if (h.Chain == 0)
                    coveredOnChainZero = Math.Max(coveredOnChainZero, h.Position);
            }
        }
        if (head?.ChainHeads() is { } copied)
            foreach (var h in copied)
            {
                Expect(Chain(h.Chain), h.Position, new Expectation(null, h.Hash, true, "the head copy kept outside the database"));
                if (h.Chain == 0)
                    coveredOnChainZero = Math.Max(coveredOnChainZero, h.Position);
            }
        else if (head is not null)
        {
            v1.Add((null, true, "the head copy kept outside the database"));
            coveredOnChainZero = Math.Max(coveredOnChainZero, head.TreeSize);
        }
        // Version 1 roots cover everything from the first event: an incremental run that has not passed them all starts over.
        var merkleUpTo = v1.Count == 0 ? 0 : v1.Max(c => c.Checkpoint?.TreeSize ?? head!.TreeSize);
        if (incremental && merkleUpTo > Chain(0).StartPosition)
            throw new StartOverException();
        // An incremental run that goes on goes on after every version 1 root (the run that wrote the state checked them).
        var pendingV1 = new Queue<(AuditCheckpoint? Checkpoint, bool Valid, string? What)>(incremental ? [] : v1.OrderBy(c => c.Checkpoint?.TreeSize ?? head!.TreeSize));
        var merkle = merkleUpTo > 0 && !incremental ? new MerkleAccumulator() : null;

        // Read from the lowest number not yet verified: the heads of the state, and the first event of each chain it does not know.
        long low = 1;
        if (incremental)
        {
            low = chains.Values.Where(s => s.Known).Select(s => s.StartSequence + 1).DefaultIfEmpty(long.MaxValue).Min();
            foreach (var c in await AuditChains.ChainsAsync(db, cancellationToken))
                if (!chains.TryGetValue(c, out var known) || !known.Known)
                {
                    // A chain's first event has its first place (the (chain, place) index); chain 0 may begin before chains, without places.
                    var first = c == 0
                        ? await db.AuditEvents.AsNoTracking().Where(e => e.Chain == 0).OrderBy(e => e.Sequence).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken)
                        : await db.AuditEvents.AsNoTracking().Where(e => e.Chain == c).OrderBy(e => e.Position).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken);
                    if (first is { } f)
                        low = Math.Min(low, f);
                }
        }

        var macKey = keys.AuditMacKey;
        long checkedNow = 0;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var sqlite = db.Database.IsSqlite();
        var lane = Channel.CreateBounded<AuditEvent[]>(4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in ReadAsync(connection, sqlite, low, stop.Token))
                    await lane.Writer.WriteAsync(batch, stop.Token);
                lane.Writer.Complete();
            }
            catch (Exception ex)
            {
                lane.Writer.Complete(ex);
            }
        }, stop.Token);

        try
        {
            var hashOk = new bool[Batch];
            var macOk = new bool[Batch];
            await foreach (var batch in lane.Reader.ReadAllAsync(cancellationToken))
            {
                // Hashing is the costly part and each event's is independent: on every core. The order checks follow, in order.
                Parallel.For(0, batch.Length, i =>
                {
                    var e = batch[i];
                    // Read only (no chain is added while hashing): an event the earlier run verified is skipped below, so not hashed.
                    if (chains.TryGetValue(e.Chain, out var known) && e.Sequence <= known.StartSequence)
                        return;
                    hashOk[i] = CryptographicOperations.FixedTimeEquals(AuditHashing.EventHash(e), e.Hash);
                    macOk[i] = e.Mac is not null && CryptographicOperations.FixedTimeEquals(AuditHashing.EventMac(macKey, e.Hash), e.Mac);
                });
                for (var i = 0; i < batch.Length; i++)
                {
                    var e = batch[i];
                    var s = Chain(e.Chain);
                    if (e.Sequence <= s.StartSequence)
                        continue; // verified by the run that wrote the state
                    Check(s, e, hashOk[i], macOk[i]);
                    checkedNow++;
                }
            }
            await reader;
        }
        catch (BrokenException broken)
        {
            return Broken(broken.Sequence, broken.Message, checkedNow);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await reader;
            }
            catch (OperationCanceledException)
            {
                // stopped early: the verdict is already known
            }
            await db.Database.CloseConnectionAsync();
        }

        void Check(ChainState s, AuditEvent e, bool hashMatches, bool macMatches)
        {
            var position = e.Position ?? e.Sequence;
            // The content first: an event moved to another place or number no longer matches its hash, and is named itself.
            if (!hashMatches)
                throw new BrokenException(e.Sequence, $"event #{e.Sequence} was altered (its hash does not match its content)");
            if (e.Position is null && (e.Chain != 0 || s.Placed))
                throw new BrokenException(e.Sequence, $"event #{e.Sequence} has no place in chain {e.Chain} although it comes after chains began: it was forged");
            if (s.Position == s.StartPosition && s.Known == false && incremental && position != 1)
                throw new StartOverException(); // a chain that began before the state's checkpoint was taken, unknown to it
            if (position != s.Position + 1)
                throw position > s.Position + 1
                    ? new BrokenException(s.LastSequence + 1, $"an event is missing from chain {e.Chain} before event #{e.Sequence} (place {s.Position + 1})")
                    : new BrokenException(e.Sequence, $"event #{e.Sequence} is out of order in chain {e.Chain}");
            if (!CryptographicOperations.FixedTimeEquals(e.PreviousHash, s.Previous))
                throw new BrokenException(e.Sequence, $"event #{e.Sequence} does not link to the event before it in chain {e.Chain}");
            if (e.Mac is not null)
            {
                if (!macMatches)
                    throw new BrokenException(e.Sequence, $"event #{e.Sequence} was rewritten or forged (its MAC does not match)");
                if (s.FirstMac == 0)
                    s.FirstMac = e.Sequence;
            }
            else if (e.Position is not null)
                throw new BrokenException(e.Sequence, $"event #{e.Sequence} has no MAC: Ariadne did not write it, it was rewritten or forged");
            else if (s.FirstMac != 0)
                throw new BrokenException(e.Sequence, $"event #{e.Sequence} has no MAC although event #{s.FirstMac} before it has one: it was rewritten or forged");
            else if (position > coveredOnChainZero)
                throw new BrokenException(e.Sequence, $"event #{e.Sequence} has no MAC and no signed checkpoint covers it: Ariadne did not write it");

            if (s.Position == s.GoodThrough)
                s.AfterGood = e.Sequence;
            s.Position = position;
            s.LastSequence = e.Sequence;
            s.Previous = e.Hash;
            s.Placed |= e.Position is not null;

            // A rewritten chain is consistent in itself; the signed head shows where: after the last good checkpoint.
            if (merkle is not null && e.Chain == 0 && position <= merkleUpTo)
            {
                merkle.Add(e.Hash);
                while (pendingV1.Count > 0 && (pendingV1.Peek().Checkpoint?.TreeSize ?? head!.TreeSize) == position)
                {
                    var (checkpoint, valid, what) = pendingV1.Dequeue();
                    var root = checkpoint?.RootHash ?? Convert.FromHexString(head!.RootHash);
                    if (!valid)
                        throw new BrokenException(s.AfterGood, $"checkpoint {checkpoint!.Id} has no valid signature");
                    if (!CryptographicOperations.FixedTimeEquals(merkle.Root(), root))
                        throw new BrokenException(s.AfterGood, checkpoint is null
                            ? $"events up to #{position} do not match {what}: the chain was rewritten"
                            : $"events up to #{position} do not match signed checkpoint {checkpoint.Id}: the chain was rewritten");
                    s.GoodThrough = position;
                }
            }
            if (s.Expected.Remove(position, out var expectations))
                foreach (var expected in expectations)
                {
                    if (!expected.SignatureValid)
                        throw new BrokenException(s.AfterGood, $"checkpoint {expected.Checkpoint!.Id} has no valid signature");
                    if (!CryptographicOperations.FixedTimeEquals(expected.Hash, e.Hash))
                        throw new BrokenException(s.AfterGood, expected.Checkpoint is null
                            ? $"events up to #{e.Sequence} in chain {e.Chain} do not match {expected.What}: the chain was rewritten"
                            : $"events up to #{e.Sequence} in chain {e.Chain} do not match signed checkpoint {expected.Checkpoint.Id}: the chain was rewritten");
                    s.GoodThrough = position;
                }
        }

        // What a checkpoint or the head copy vouched for and is no longer there: cut from the end.
        var cut = chains.Values.Where(s => s.Expected.Count > 0).Select(s => (s, First: s.Expected.First()))
            .Select(x => (Sequence: x.s.LastSequence + 1, Problem:
                $"{(x.First.Value[0].Checkpoint is { } c ? $"checkpoint {c.Id}" : x.First.Value[0].What)} covers {x.First.Key} events of chain {x.s.Chain} but only {x.s.Position} remain: events were removed from the end"))
            .ToList();
        if (pendingV1.Count > 0)
        {
            var (lost, _, what) = pendingV1.Peek();
            var zero = Chain(0);
            cut.Add((zero.LastSequence + 1, lost is null
                ? $"{what} covers {head!.TreeSize} events but only {zero.Position} remain: events were removed from the end"
                : $"checkpoint {lost.Id} covers {lost.TreeSize} events but only {zero.Position} remain: events were removed from the end"));
        }
        if (cut.Count > 0)
        {
            var first = cut.MinBy(c => c.Sequence);
            return Broken(first.Sequence, first.Problem, checkedNow);
        }
        if (head is not null)
        {
            var root = Convert.FromHexString(head.RootHash);
            if (!checkpoints.Any(c => c.TreeSize == head.TreeSize && CryptographicOperations.FixedTimeEquals(c.RootHash, root)))
                return Broken(chains.Values.Select(s => s.LastSequence).DefaultIfEmpty(0).Max() + 1,
                    $"the signed checkpoint over {head.TreeSize} events in the head copy is missing from the database: checkpoints were removed", checkedNow);
        }

        var events = chains.Values.Sum(s => s.Position);
        var last = checkpoints.Count > 0 ? checkpoints[^1] : null;
        if (stateFile is not null && last is not null)
        {
            var heads = last.Heads is { } encoded ? ChainHead.Decode(encoded)!
                : [await db.AuditEvents.AsNoTracking().Where(e => e.Chain == 0 && e.Sequence == last.TreeSize)
                    .Select(e => new ChainHead(0, e.Sequence, e.Sequence, e.Hash)).SingleAsync(cancellationToken)];
            AuditVerifyState.Create(keys, last, heads).Save(stateFile);
        }
        var newCheckpoints = from is null ? checkpoints.Count : checkpoints.Count(c => c.TreeSize > from.TreeSize || (c.TreeSize == from.TreeSize && c.Id > from.Id));
        return new Result(true, events, newCheckpoints, null, null, Math.Max(0, events - (last?.TreeSize ?? 0)), head is not null, checkedNow, from?.Id);

        void Expect(ChainState s, long position, Expectation expectation)
        {
            if (s.Known && position <= s.StartPosition)
            {
                // Before where this run starts: verified already; the head itself must be the one the state holds.
                if (position == s.StartPosition && !CryptographicOperations.FixedTimeEquals(expectation.Hash, s.Previous))
                    throw new BrokenException(s.LastSequence, $"the head of chain {s.Chain} does not match checkpoint {expectation.Checkpoint?.Id}: the chain was rewritten");
                return;
            }
            if (!s.Expected.TryGetValue(position, out var list))
                s.Expected[position] = list = [];
            list.Add(expectation);
        }
    }

    private static readonly Func<long, DateTimeOffset> FromSqliteTime =
        (Func<long, DateTimeOffset>)new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertFromProviderExpression.Compile();

    /// <summary>
    /// Every event from number <paramref name="low"/> on, in global order, in one statement (one snapshot), with a plain
    /// data reader: the verifier reads every row once, and EF Core's materialisation was most of its cost. Column order
    /// and conversions mirror the model exactly.
    /// </summary>
    private static async IAsyncEnumerable<AuditEvent[]> ReadAsync(System.Data.Common.DbConnection connection, bool sqlite, long low,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0; // ten million events take longer than the default 30 s
        command.CommandText = """
            SELECT "Sequence", "At", "ActorUserId", "ActorInstitutionId", "Action", "TargetType", "TargetId", "CaseId", "Relation", "Purpose", "Outcome", "PreviousHash", "Hash", "Mac", "Chain", "Position", "Node", "ClientAddress"
            FROM audit_events WHERE "Sequence" >= @low ORDER BY "Sequence"
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@low";
        parameter.Value = low;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        var events = new List<AuditEvent>(Batch);
        while (await reader.ReadAsync(ct))
        {
            Guid? G(int i) => reader.IsDBNull(i) ? null : reader.GetGuid(i);
            string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            events.Add(new AuditEvent
            {
                Sequence = reader.GetInt64(0),
                At = sqlite ? FromSqliteTime(reader.GetInt64(1)) : reader.GetFieldValue<DateTimeOffset>(1),
                ActorUserId = G(2),
                ActorInstitutionId = G(3),
                Action = reader.GetString(4),
                TargetType = S(5),
                TargetId = G(6),
                CaseId = G(7),
                Relation = S(8),
                Purpose = S(9),
                Outcome = reader.GetString(10),
                PreviousHash = reader.GetFieldValue<byte[]>(11),
                Hash = reader.GetFieldValue<byte[]>(12),
                Mac = reader.IsDBNull(13) ? null : reader.GetFieldValue<byte[]>(13),
                Chain = reader.GetInt32(14),
                Position = reader.IsDBNull(15) ? null : reader.GetInt64(15),
                Node = S(16),
                ClientAddress = S(17),
            });
            if (events.Count == Batch)
            {
                yield return [.. events];
                events.Clear();
            }
        }
        if (events.Count > 0)
            yield return [.. events];
    }

    private static Result Broken(long sequence, string problem, long verified) => new(false, verified, 0, sequence, problem);

    private static Result Refused(string problem) => new(false, 0, 0, null, problem);
}
