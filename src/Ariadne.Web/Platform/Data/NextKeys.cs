using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Data;

/// <summary>
/// "Next" keys handed out without the deployment-wide writers' lock.
/// <list type="bullet">
/// <item><see cref="NextAsync"/>: a unique, increasing key (a case's recency, a referral's place on the desk). On PostgreSQL it
/// comes from a sequence: <c>nextval</c> never gives a value twice, whatever the concurrency and across nodes, and waits for no
/// one. On SQLite, whose writers go one at a time, it is the largest so far plus one, never below the current microsecond.</item>
/// <item><see cref="ReserveAsync"/>: a random public number (a case's or referral's) held for the transaction, so that two
/// writers that draw the same number at once cannot both check it free: the second is told to draw another.</item>
/// </list>
/// The sequences are made by the migration <c>NextKeySequences</c>, which starts them past every existing value; a restore moves
/// them past the restored rows (<c>DatabaseRestore</c>).
/// </summary>
public static class NextKeys
{
    public enum Sequence
    {
        CaseRecency,
        ReferralSequence,
    }

    /// <summary>The PostgreSQL sequence's name.</summary>
    public static string NameOf(Sequence sequence) => sequence switch
    {
        Sequence.CaseRecency => "case_recency",
        Sequence.ReferralSequence => "referral_sequence",
        _ => throw new ArgumentOutOfRangeException(nameof(sequence)),
    };

    /// <summary>The table and column the sequence numbers (for the migration and the restore).</summary>
    public static (string Table, string Column) ColumnOf(Sequence sequence) => sequence switch
    {
        Sequence.CaseRecency => ("cases", "Recency"),
        Sequence.ReferralSequence => ("referrals", "Sequence"),
        _ => throw new ArgumentOutOfRangeException(nameof(sequence)),
    };

    /// <summary>
    /// The SQL that moves the sequence past every value in its column (never back): run after
    /// a restore and by the benchmark seeder (the migration that made the sequences carries its own copy, as applied). Not on a
    /// live system: a <c>setval</c> racing a node's <c>nextval</c> could hand out a key twice.
    /// </summary>
    public static string CatchUpSql(Sequence sequence)
    {
        var name = NameOf(sequence);
        var (table, column) = ColumnOf(sequence);
        return $"""
            SELECT setval('{name}', GREATEST(COALESCE((SELECT MAX("{column}") FROM {table}), 0) + 1, (SELECT last_value + 1 FROM {name})), false)
            """;
    }

    /// <summary>
    /// The sequences that are behind their column: rows were written without them — a node of the version before them still
    /// running after <c>migrate</c> (a rolling upgrade, which this version does not support), or rows put in by hand — and every
    /// new case or referral would sort below those rows. Start-up reports them; <c>migrate</c> moves them on
    /// (<see cref="CatchUpWhenBehindAsync"/>). PostgreSQL only.
    /// </summary>
    public static async Task<IReadOnlyList<string>> BehindAsync(AriadneDbContext db, CancellationToken cancellationToken) =>
        await CheckAsync(db, move: false, cancellationToken);

    /// <summary>
    /// Moves each sequence that is behind its column past it (run by <c>migrate</c>, as the owner: the application's role may draw
    /// from a sequence but not set it). The margin keeps keys that live nodes draw meanwhile below the new start.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CatchUpWhenBehindAsync(AriadneDbContext db, CancellationToken cancellationToken) =>
        await CheckAsync(db, move: true, cancellationToken);

    private static async Task<IReadOnlyList<string>> CheckAsync(AriadneDbContext db, bool move, CancellationToken cancellationToken)
    {
        var behind = new List<string>();
        if (!db.Database.IsNpgsql())
            return behind;
        foreach (var sequence in new[] { Sequence.CaseRecency, Sequence.ReferralSequence })
        {
            var name = NameOf(sequence);
            var (table, column) = ColumnOf(sequence);
            var value = move ? $"setval('{name}', m.max + 1000000, false)" : "m.max";
#pragma warning disable EF1002 // the names are this class's constants, not input
            var found = await db.Database.SqlQueryRaw<long>($"""
                SELECT {value} AS "Value"
                FROM (SELECT MAX("{column}") AS max FROM {table}) m
                WHERE m.max >= (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM {name})
                """).ToListAsync(cancellationToken);
#pragma warning restore EF1002
            if (found.Count > 0)
                behind.Add(name);
        }
        return behind;
    }

    public static async Task<long> NextAsync(AriadneDbContext db, Sequence sequence, DateTimeOffset now, Func<CancellationToken, Task<long?>> largest,
        CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return sequence switch
            {
                Sequence.CaseRecency => await db.Database.SqlQuery<long>($"SELECT nextval('case_recency') AS \"Value\"").SingleAsync(cancellationToken),
                Sequence.ReferralSequence => await db.Database.SqlQuery<long>($"SELECT nextval('referral_sequence') AS \"Value\"").SingleAsync(cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(sequence)),
            };
        }
        var floor = (now - DateTimeOffset.UnixEpoch).Ticks / 10;
        return Math.Max(floor, (await largest(cancellationToken) ?? 0) + 1);
    }

    /// <summary>The advisory lock class of reserved numbers (the two-int form: apart from the audit's locks).</summary>
    private const int NumberLockClass = 0x4E_75_6D_62; // "Numb"

    /// <summary>
    /// Holds <paramref name="number"/> until the transaction ends, or says false when another open transaction holds it (or a
    /// number with the same hash): then draw another. PostgreSQL only; SQLite's writers go one at a time, so there it is always true.
    /// Checking that the number is not taken yet stays the caller's, after this.
    /// </summary>
    public static async Task<bool> ReserveAsync(AriadneDbContext db, string number, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
            return true;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A number is reserved inside the transaction that stores it.");
        return await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({NumberLockClass}, hashtext({number})) AS \"Value\"")
            .SingleAsync(cancellationToken);
    }
}
