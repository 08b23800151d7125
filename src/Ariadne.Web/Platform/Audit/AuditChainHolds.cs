using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// What this process knows of the chains on PostgreSQL, to append an event in one round trip (see <see cref="AuditTrail"/>):
/// which chain each of its transactions holds (a hint that spreads them over the chains; the database's advisory lock is
/// what excludes), each chain's last committed head as this process saw it, and a block of event numbers drawn ahead from
/// the database sequence. None of it is trusted: an append made from it is written only if the chain's head in the
/// database, read under the chain's lock, is the one it was made from; otherwise the append reads the head and goes on.
/// </summary>
public sealed class AuditChainHolds : IDisposable
{
    /// <summary>How many numbers one draw from the sequence takes ahead.</summary>
    public const int NumberBlock = 32;

    /// <summary>
    /// How long numbers drawn ahead are used. Within a process they are handed out in order; across nodes an event's number
    /// can be below that of an event another node wrote up to this long before it (pages that sort by number, and the notice
    /// of failed sign-ins since the last one, read numbers as time order). Past it the rest of the block is dropped.
    /// </summary>
    public static readonly TimeSpan NumberLifetime = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<int, ChainHead> _heads = [];
    private readonly Dictionary<int, SemaphoreSlim> _taken = [];
    private readonly ConditionalWeakTable<DbTransaction, ChainHold> _holds = [];
    private readonly Queue<long> _numbers = new();
    private readonly SemaphoreSlim _drawing = new(1, 1);
    private long _drawnAt;

    private SemaphoreSlim Taken(int chain)
    {
        lock (_gate)
        {
            if (!_taken.TryGetValue(chain, out var taken))
                _taken[chain] = taken = new SemaphoreSlim(1, 1);
            return taken;
        }
    }

    /// <summary>
    /// A chain for a new transaction: the first one no other transaction of this process holds (chain 0 when it writes alone;
    /// nodes sharing a database meet on the first chains: an append that finds its chain's lock taken by another node takes a
    /// chain free in the database instead, see <see cref="AuditTrail"/>), or else a random one, waited for a short while only.
    /// A transaction waiting here may hold row locks another one needs before it can end; PostgreSQL would not see that wait,
    /// so past <paramref name="patience"/> the hold goes on without this process's hint, and only the database's lock waits,
    /// where PostgreSQL's deadlock detection reaches.
    /// </summary>
    public async Task<ChainHold> HoldAsync(int chains, TimeSpan patience, CancellationToken ct)
    {
        for (var i = 0; i < chains; i++)
        {
            if (Taken(i).Wait(0, CancellationToken.None))
                return new ChainHold(this, i, true);
        }
        var random = Random.Shared.Next(chains);
        var held = await Taken(random).WaitAsync(patience, ct);
        return new ChainHold(this, random, held);
    }

    internal void Release(int chain) => Taken(chain).Release();

    /// <summary>The chain's last committed head as this process saw it, or null when it has not seen one.</summary>
    public ChainHead? Head(int chain)
    {
        lock (_gate)
            return _heads.GetValueOrDefault(chain);
    }

    /// <summary>A head that committed; an older one than what is known (a commit reported late) is ignored.</summary>
    public void Committed(ChainHead head)
    {
        lock (_gate)
            if (!_heads.TryGetValue(head.Chain, out var known) || known.Position < head.Position)
                _heads[head.Chain] = head;
    }

    /// <summary>Forgets a chain's head (it was not the database's).</summary>
    public void Forget(int chain)
    {
        lock (_gate)
            _heads.Remove(chain);
    }

    internal void Track(DbTransaction transaction, ChainHold hold) => _holds.AddOrUpdate(transaction, hold);

    internal ChainHold? Of(DbTransaction transaction) => _holds.TryGetValue(transaction, out var hold) ? hold : null;

    internal void Untrack(DbTransaction transaction) => _holds.Remove(transaction);

    /// <summary>
    /// The next event number, larger than every number this process handed out before: from the block drawn ahead, or a new
    /// block drawn from the sequence on <paramref name="connection"/> (numbers drawn are never given back, in or out of a
    /// transaction; one not used leaves a gap, as a rolled back append always did).
    /// </summary>
    public async Task<long> NumberAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_numbers.Count > 0 && System.Diagnostics.Stopwatch.GetElapsedTime(_drawnAt) > NumberLifetime)
                    _numbers.Clear();
                if (_numbers.TryDequeue(out var number))
                    return number;
            }
            await _drawing.WaitAsync(ct);
            try
            {
                lock (_gate)
                    if (_numbers.Count > 0)
                        continue;
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"SELECT nextval('{AuditTrail.NumberSequence}') FROM generate_series(1, {NumberBlock})";
                var drawn = new List<long>(NumberBlock);
                await using (var reader = await command.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct))
                        drawn.Add(reader.GetInt64(0));
                drawn.Sort();
                lock (_gate)
                {
                    foreach (var n in drawn)
                        _numbers.Enqueue(n);
                    _drawnAt = System.Diagnostics.Stopwatch.GetTimestamp();
                }
            }
            finally
            {
                _drawing.Release();
            }
        }
    }

    /// <summary>The chains' semaphores are left to the collector: a transaction still ending as the host stops may yet release its chain.</summary>
    public void Dispose() => _drawing.Dispose();

    /// <summary>Drops the numbers drawn ahead: a chain's head holds a larger one (another process wrote it), so they would go back along it.</summary>
    public void Discard()
    {
        lock (_gate)
            _numbers.Clear();
    }
}
