using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Features.Statistics;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Ariadne.Benchmarks;

/// <summary>
/// The full annual tables (issue 17): <see cref="StatisticsReleases.ProtectAsync"/> — every table of every registered
/// source counted by its GROUP BY, suppressed, perturbed, and the register of released cuts consulted — over the facts of
/// 1,000,000 cases. The facts are bulk-loaded (not timed) as the nightly rebuild would leave them: one victim fact per
/// case over 20 years (growing threefold), with skewed sex, age, citizenship, form and country of exploitation, stage and
/// category; and, in proportion, referrals, placements, helpline contacts, criminal files, suspects, non-punishment
/// decisions, services, compensation claims, training certificates and resource flows, with the codes their sources write.
/// </summary>
public static class StatsBench
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Facts per case of each further subject.</summary>
    private static readonly (StatSubject Subject, double PerCase)[] Ratios =
    [
        (StatSubject.Referral, 0.8), (StatSubject.Placement, 0.25), (StatSubject.HelplineContact, 1.5), (StatSubject.CriminalFile, 0.3),
        (StatSubject.Suspect, 0.45), (StatSubject.NonPunishment, 0.05), (StatSubject.Service, 1.2), (StatSubject.Compensation, 0.1),
        (StatSubject.Training, 0.2), (StatSubject.ResourceFlow, 0.02),
    ];

    /// <summary>The last complete year of the world (it runs to November 2026).</summary>
    private const int Year = 2025;

    public static async Task<int> RunAsync(IServiceProvider services, string provider, int caseCount, int runs)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var victims = await db.Set<StatFact>().LongCountAsync(f => f.Subject == StatSubject.Victim);
            if (victims != caseCount)
            {
                await db.Set<StatFact>().ExecuteDeleteAsync();
                var clock = Stopwatch.StartNew();
                var n = provider == "Postgres" ? CopyPostgres(db, World(caseCount)) : InsertSqlite(db, World(caseCount));
                Console.WriteLine($"loaded {n:N0} facts in {clock.Elapsed.TotalSeconds:F1} s");
                clock.Restart();
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
                Console.WriteLine($"ANALYZE in {clock.Elapsed.TotalSeconds:F1} s");
            }
            var bySubject = await db.Set<StatFact>().GroupBy(f => f.Subject).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync();
            Console.WriteLine("facts: " + string.Join(", ", bySubject.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.N:N0}")) + $"; total {bySubject.Sum(x => x.N):N0}");
            var inYear = await db.Set<StatFact>().LongCountAsync(f => f.Month >= new DateOnly(Year, 1, 1) && f.Month < new DateOnly(Year + 1, 1, 1));
            Console.WriteLine($"facts in {Year}: {inYear:N0}");
            // The register starts empty on every run of the bench: earlier releases are published below.
            await db.Set<StatReleaseCut>().ExecuteDeleteAsync();
            await db.Set<StatRelease>().ExecuteDeleteAsync();
        }

        // Published before: the calendar year 2024 and April 2024 – March 2025. The calendar year 2025 overlaps the latter
        // (its cells hidden there are checked against January–March 2025's neighbours: two more counts per table).
        await PublishAsync(services, new StatPeriod(StatPeriodKind.Calendar, Year - 1), "BENCH-C-2024");
        await PublishAsync(services, new StatPeriod(StatPeriodKind.AprilMarch, Year - 1), "BENCH-AM-2024");
        var calendar = new StatPeriod(StatPeriodKind.Calendar, Year);
        var summary = new List<string> { await TimeAsync(services, calendar, runs) };
        // Then the calendar year 2025 is published, and April 2025 – March 2026 is checked against it.
        await PublishAsync(services, calendar, "BENCH-C-2025");
        summary.Add(await TimeAsync(services, new StatPeriod(StatPeriodKind.AprilMarch, Year), runs));
        Console.WriteLine();
        foreach (var line in summary)
            Console.WriteLine(line);
        return 0;
    }

    private static async Task<string> TimeAsync(IServiceProvider services, StatPeriod period, int runs)
    {
        var name = period.Kind == StatPeriodKind.Calendar ? $"calendar {period.Year}" : $"April {period.Year} – March {period.Year + 1}";
        Console.WriteLine();
        Console.WriteLine($"== ProtectAsync, {name}");
        var timings = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var releases = scope.ServiceProvider.GetRequiredService<StatisticsReleases>();
            var clock = Stopwatch.StartNew();
            var (tables, hidden, carried, conflicts) = await releases.ProtectAsync(period, true, CancellationToken.None);
            clock.Stop();
            timings.Add(clock.Elapsed.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}{(run == 0 ? " (first)" : "")}: {clock.Elapsed.TotalMilliseconds:F0} ms — {tables.Count} tables, {hidden} cells hidden, {carried} carried, {conflicts.Count} conflicts"));
        }

        // Where the time goes (one more warm pass, the same calls ProtectAsync makes, one table at a time).
        await using (var scope = services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var releases = sp.GetRequiredService<StatisticsReleases>();
            var query = sp.GetRequiredService<StatTableQuery>();
            var db = sp.GetRequiredService<AriadneDbContext>();
            var cuts = await db.Set<StatReleaseCut>().AsNoTracking().Where(c => c.From < period.Until && period.From < c.Until).ToListAsync();
            Console.WriteLine("table | facts counted | cells | count ms | register counts (ms) | protect ms");
            double sumCount = 0, sumRegister = 0, sumProtect = 0;
            foreach (var table in releases.Tables)
            {
                var clock = Stopwatch.StartNew();
                var raw = await query.CountAsync(table, period);
                var count = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                var registerQueries = 0;
                foreach (var cut in cuts.Where(c => c.TableCode == table.Code && c.Hidden != "[]"))
                    foreach (var (from, until) in StatisticsReleases.Outside(period.From, period.Until, cut.From, cut.Until))
                    {
                        _ = await query.CountAsync(table, from, until);
                        registerQueries++;
                    }
                var register = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                var published = Disclosure.Publish(raw, Disclosure.Suppress(raw));
                var protect = clock.Elapsed.TotalMilliseconds;
                (sumCount, sumRegister, sumProtect) = (sumCount + count, sumRegister + register, sumProtect + protect);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{table.Code} | {raw.Total.Count:N0} | {published.RowCodes.Count}×{published.ColumnCodes.Count} | {count:F1} | {registerQueries} ({register:F1}) | {protect:F2}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sum | | | {sumCount:F0} | ({sumRegister:F0}) | {sumProtect:F1}"));
        }
        var warm = timings.Skip(1).Order().ToList();
        var median = warm.Count == 0 ? timings[0] : warm.Count % 2 == 1 ? warm[warm.Count / 2] : (warm[warm.Count / 2 - 1] + warm[warm.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: first {timings[0]:F0} ms; warm {string.Join(", ", timings.Skip(1).Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms; warm median {median:F0} ms");
    }

    /// <summary>A published release of the period with its cuts in the register (as the four-eyes steps would leave it).</summary>
    private static async Task PublishAsync(IServiceProvider services, StatPeriod period, string number)
    {
        await using var scope = services.CreateAsyncScope();
        var releases = scope.ServiceProvider.GetRequiredService<StatisticsReleases>();
        var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
        var clock = Stopwatch.StartNew();
        var (tables, hidden, carried, _) = await releases.ProtectAsync(period, true, CancellationToken.None);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var now = DateTimeOffset.UtcNow;
        var release = new StatRelease
        {
            Number = number,
            PeriodKind = period.Kind,
            Year = period.Year,
            Status = ReleaseStatus.Published,
            Tables = JsonSerializer.Serialize(tables, Json),
            HiddenCells = hidden,
            CarriedCells = carried,
            DraftedBy = Guid.CreateVersion7(),
            DraftedAt = now,
            ApprovedBy = Guid.CreateVersion7(),
            ApprovedAt = now,
            PublishedBy = Guid.CreateVersion7(),
            PublishedAt = now,
        };
        db.Set<StatRelease>().Add(release);
        foreach (var t in tables)
            db.Set<StatReleaseCut>().Add(new StatReleaseCut
            {
                ReleaseId = release.Id,
                TableCode = t.Code,
                From = period.From,
                Until = period.Until,
                Hidden = JsonSerializer.Serialize(StatisticsReleases.HiddenCells(t), Json),
                RegisteredAt = now,
            });
        await db.SaveChangesAsync();
        // The first of these is the process's first ProtectAsync (cold: JIT, EF's query cache, the connection pool).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"published {number}: {tables.Count} tables, {hidden} cells hidden ({carried} carried); its ProtectAsync took {elapsed:F0} ms"));
    }

    private static int CopyPostgres(AriadneDbContext db, IEnumerable<StatFact> facts)
    {
        db.Database.OpenConnection();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        using var writer = connection.BeginBinaryImport(
            "COPY stat_facts (\"Subject\", \"Month\", \"Sex\", \"AgeBand\", \"Citizenship\", \"Exploitation\", \"Country\", \"Region\", \"Stage\", "
            + "\"Category\", \"Amount\", \"InstitutionId\", \"InstitutionKind\", \"RecordKey\") FROM STDIN (FORMAT BINARY)");
        var n = 0;
        void Text(string? s)
        {
            if (s is null)
                writer.WriteNull();
            else
                writer.Write(s, NpgsqlDbType.Varchar);
        }
        void Int(int? v)
        {
            if (v is { } x)
                writer.Write(x, NpgsqlDbType.Integer);
            else
                writer.WriteNull();
        }
        foreach (var f in facts)
        {
            writer.StartRow();
            writer.Write((int)f.Subject, NpgsqlDbType.Integer);
            writer.Write(f.Month, NpgsqlDbType.Date);
            Text(f.Sex);
            Text(f.AgeBand);
            Text(f.Citizenship);
            Text(f.Exploitation);
            Text(f.Country);
            Int((int?)f.Region);
            Text(f.Stage);
            Text(f.Category);
            if (f.Amount is { } a)
                writer.Write(a, NpgsqlDbType.Bigint);
            else
                writer.WriteNull();
            if (f.InstitutionId is { } id)
                writer.Write(id, NpgsqlDbType.Uuid);
            else
                writer.WriteNull();
            Int((int?)f.InstitutionKind);
            writer.Write(f.RecordKey, NpgsqlDbType.Bigint);
            if (++n % 1_000_000 == 0)
                Console.WriteLine($"  {n:N0} facts");
        }
        writer.Complete();
        return n;
    }

    private static int InsertSqlite(AriadneDbContext db, IEnumerable<StatFact> facts)
    {
        db.Database.OpenConnection();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        string[] columns = ["Subject", "Month", "Sex", "AgeBand", "Citizenship", "Exploitation", "Country", "Region", "Stage", "Category", "Amount", "InstitutionId", "InstitutionKind", "RecordKey"];
        command.CommandText = $"INSERT INTO stat_facts ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var p = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        command.Prepare();
        var n = 0;
        foreach (var f in facts)
        {
            p[0].Value = (int)f.Subject;
            p[1].Value = f.Month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[2].Value = (object?)f.Sex ?? DBNull.Value;
            p[3].Value = (object?)f.AgeBand ?? DBNull.Value;
            p[4].Value = (object?)f.Citizenship ?? DBNull.Value;
            p[5].Value = (object?)f.Exploitation ?? DBNull.Value;
            p[6].Value = (object?)f.Country ?? DBNull.Value;
            p[7].Value = f.Region is { } r ? (int)r : DBNull.Value;
            p[8].Value = (object?)f.Stage ?? DBNull.Value;
            p[9].Value = (object?)f.Category ?? DBNull.Value;
            p[10].Value = (object?)f.Amount ?? DBNull.Value;
            // SQLite keeps a Guid as upper-case text.
            p[11].Value = f.InstitutionId is { } id ? id.ToString().ToUpperInvariant() : DBNull.Value;
            p[12].Value = f.InstitutionKind is { } k ? (int)k : DBNull.Value;
            p[13].Value = f.RecordKey;
            command.ExecuteNonQuery();
            if (++n % 1_000_000 == 0)
                Console.WriteLine($"  {n:N0} facts");
        }
        transaction.Commit();
        return n;
    }

    /// <summary>A weighted choice (cumulative weights, binary search).</summary>
    private sealed class Pick<T>
    {
        private readonly T[] _items;
        private readonly double[] _cumulative;

        public Pick(params (T Item, double Weight)[] items)
        {
            _items = [.. items.Select(i => i.Item)];
            _cumulative = new double[items.Length];
            var sum = 0.0;
            for (var i = 0; i < items.Length; i++)
                _cumulative[i] = sum += items[i].Weight;
            for (var i = 0; i < items.Length; i++)
                _cumulative[i] /= sum;
        }

        public T Next(Random random)
        {
            var i = Array.BinarySearch(_cumulative, random.NextDouble());
            return _items[Math.Min(_items.Length - 1, i < 0 ? ~i : i)];
        }
    }

    /// <summary>Codes with a dominant first and a Zipf tail sharing the rest.</summary>
    private static Pick<string?> Skewed(double first, double unknown, params string[] codes) =>
        new([(codes[0], first), .. codes.Skip(1).Select((c, k) => ((string?)c, (1 - first - unknown) / (k + 1) / codes.Skip(1).Select((_, j) => 1.0 / (j + 1)).Sum())), (null, unknown)]);

    private static Pick<string?> Names<TEnum>(params double[] weights) where TEnum : struct, System.Enum =>
        new([.. System.Enum.GetNames<TEnum>().Select((n, i) => ((string?)n, i < weights.Length ? weights[i] : 0.0))]);

    private static IEnumerable<StatFact> World(int caseCount)
    {
        var random = new Random(20261205);
        // 240 months, December 2006 to November 2026, the later ones up to three times as busy.
        var first = new DateOnly(2006, 12, 1);
        var months = new Pick<DateOnly>([.. Enumerable.Range(0, 240).Select(m => (first.AddMonths(m), 1 + 2.0 * m / 239))]);
        var institutions = Enumerable.Range(0, 200).Select(_ => Guid.CreateVersion7()).ToArray();
        var sex = new Pick<string?>((StatCodes.Female, 0.66), (StatCodes.Male, 0.32), (StatCodes.OtherSex, 0.004), (null, 0.016));
        var age = new Pick<string?>(("0-8", 0.02), ("9-17", 0.10), ("18-20", 0.12), ("21-23", 0.15), ("24-26", 0.14), ("27-29", 0.12), ("30-38", 0.20), ("39-47", 0.09), ("48+", 0.04), (null, 0.02));
        var citizenship = Skewed(0.78, 0.02, "AZE", "RUS", "GEO", "UZB", "IRN", "TKM", "KGZ", "TJK", "UKR", "TUR", "IND", "PAK", "BGD", "NPL", "PHL", "CHN", "KAZ", "SYR",
            "AFG", "IRQ", "EGY", "ETH", "NGA", "KEN", "MDA", "BLR", "VNM", "IDN", "LKA", "THA", "MNG", "GHA");
        var country = Skewed(0.40, 0.03, "AZE", "TUR", "ARE", "RUS", "GEO", "IRN", "KAZ", "QAT", "SAU", "DEU", "GRC", "CYP", "ISR", "MYS", "THA", "POL", "ITA", "FRA", "GBR", "OMN");
        var exploitation = new Pick<string?>(("sexual", 0.42), ("forced-labour", 0.38), ("begging", 0.04), ("child-labour", 0.03), ("servitude", 0.03), ("forced-marriage", 0.03),
            ("criminality", 0.02), ("organ-removal", 0.005), ("surrogacy", 0.005), ("forced-adoption", 0.002), ("forced-military", 0.001), ("other", 0.02), (null, 0.02));
        var stage = new Pick<string?>((VictimStatistics.Identified, 0.55), (VictimStatistics.Presumed, 0.35), (VictimStatistics.NotVictim, 0.10));
        var category = new Pick<string?>((VictimStatistics.Referred, 0.7), (VictimStatistics.Direct, 0.3));
        var region = new Pick<Region?>([(Region.Baku, 0.45), .. System.Enum.GetValues<Region>().Where(r => r is not Region.Baku and not Region.Nationwide).Select(r => ((Region?)r, 0.04)), (null, 0.03)]);
        var victimKind = new Pick<InstitutionKind?>((InstitutionKind.AntiTraffickingSquad, 0.6), (InstitutionKind.Police, 0.1), (InstitutionKind.BorderService, 0.08),
            (InstitutionKind.Helpline, 0.07), (InstitutionKind.ServiceProvider, 0.1), (InstitutionKind.Shelter, 0.05));
        var referrerKind = new Pick<InstitutionKind?>((InstitutionKind.Police, 0.3), (InstitutionKind.BorderService, 0.15), (InstitutionKind.ServiceProvider, 0.2),
            (InstitutionKind.Helpline, 0.15), (InstitutionKind.InternationalPartner, 0.1), (InstitutionKind.ExecutiveBody, 0.1));
        var ack = new Pick<string?>(("ack-1h", 0.45), ("ack-4h", 0.30), ("ack-24h", 0.18), ("ack-later", 0.05), ("ack-pending", 0.02));
        var decision = new Pick<string?>(("decision-1d", 0.30), ("decision-7d", 0.40), ("decision-30d", 0.20), ("decision-later", 0.07), ("decision-pending", 0.03));
        var destination = Names<Ariadne.Web.Features.Accommodation.DischargeDestination>(0.3, 0.35, 0.1, 0.1, 0.1, 0.05);
        var channel = Names<Ariadne.Web.Features.Helpline.ContactChannel>(0.6, 0.05, 0.15, 0.05, 0.1, 0.05);
        var topic = new Pick<string?>(("trafficking", 0.3), ("other", 0.5), ("non-data", 0.15), (null, 0.05));
        var fileStage = Names<FileStage>(0.2, 0.2, 0.15, 0.1, 0.1, 0.1, 0.05, 0.1);
        var offence = new Pick<string?>([.. Offences.All.Select((o, i) => ((string?)o.Code, 1.0 / (i + 1))), (null, 0.1)]);
        var outcome = Names<SuspectOutcome>(0.3, 0.2, 0.1, 0.3, 0.03, 0.07);
        var suspectSex = new Pick<string?>((StatCodes.Male, 0.7), (StatCodes.Female, 0.28), (null, 0.02));
        var spared = Names<NonPunishmentDecision>(0.2, 0.4, 0.2, 0.15, 0.05);
        var service = Names<Ariadne.Web.Features.Services.ServiceType>(0.25, 0.25, 0.15, 0.05, 0.2, 0.05, 0.05);
        var goal = Names<Ariadne.Web.Features.Services.GoalStatus>(0.15, 0.25, 0.5, 0.1);
        var claim = Names<Ariadne.Web.Features.Services.CompensationStage>(0.6, 0.3, 0.1);
        var trainee = new Pick<InstitutionKind?>([.. System.Enum.GetValues<InstitutionKind>().Where(k => k is not InstitutionKind.PlatformAdministration).Select(k => ((InstitutionKind?)k, k is InstitutionKind.Police or InstitutionKind.AntiTraffickingSquad ? 0.2 : 0.05))]);
        var course = Names<TrainingTopic>(0.6, 0.1, 0.1, 0.2);
        var flow = Names<Ariadne.Web.Features.Resources.FlowType>(0.3, 0.3, 0.4);
        var currency = Names<Ariadne.Web.Features.Resources.Currency>(0.6, 0.25, 0.15);
        long Key() => random.NextInt64(0, 1L << 32);
        Guid Institution() => institutions[random.Next(institutions.Length)];

        for (var i = 0; i < caseCount; i++)
            yield return new StatFact
            {
                Subject = StatSubject.Victim,
                Month = months.Next(random),
                Sex = sex.Next(random),
                AgeBand = age.Next(random),
                Citizenship = citizenship.Next(random),
                Exploitation = exploitation.Next(random),
                Country = country.Next(random),
                Region = region.Next(random),
                Stage = stage.Next(random),
                Category = category.Next(random),
                InstitutionId = Institution(),
                InstitutionKind = victimKind.Next(random),
                RecordKey = Key(),
            };
        foreach (var (subject, perCase) in Ratios)
            for (var i = 0; i < (int)(caseCount * perCase); i++)
            {
                var f = new StatFact { Subject = subject, Month = months.Next(random), RecordKey = Key() };
                switch (subject)
                {
                    case StatSubject.Referral:
                        f.Category = ack.Next(random);
                        f.Stage = decision.Next(random);
                        f.Amount = f.Category == "ack-pending" ? null : random.Next(1, 72);
                        f.InstitutionId = Institution();
                        f.InstitutionKind = referrerKind.Next(random);
                        break;
                    case StatSubject.Placement:
                        f.Stage = random.NextDouble() < 0.05 ? "staying" : "discharged";
                        f.Category = f.Stage == "discharged" ? destination.Next(random) : null;
                        f.Amount = random.Next(1, 180);
                        f.InstitutionId = Institution();
                        f.InstitutionKind = InstitutionKind.Shelter;
                        break;
                    case StatSubject.HelplineContact:
                        f.Category = channel.Next(random);
                        f.Stage = topic.Next(random);
                        f.InstitutionId = Institution();
                        f.InstitutionKind = InstitutionKind.Helpline;
                        break;
                    case StatSubject.CriminalFile:
                        f.Stage = fileStage.Next(random);
                        f.Category = offence.Next(random);
                        f.InstitutionId = Institution();
                        f.InstitutionKind = InstitutionKind.AntiTraffickingSquad;
                        break;
                    case StatSubject.Suspect:
                        f.Stage = outcome.Next(random);
                        f.Sex = suspectSex.Next(random);
                        f.Citizenship = citizenship.Next(random);
                        if (f.Stage == nameof(SuspectOutcome.Convicted))
                        {
                            var sentence = random.Next(6, 180);
                            f.Amount = sentence;
                            f.Category = InvestigationStatistics.SentenceBand(sentence);
                        }
                        f.InstitutionId = Institution();
                        break;
                    case StatSubject.NonPunishment:
                        f.Stage = spared.Next(random);
                        f.InstitutionId = Institution();
                        break;
                    case StatSubject.Service:
                        f.Category = service.Next(random);
                        f.Stage = goal.Next(random);
                        break;
                    case StatSubject.Compensation:
                        f.Stage = claim.Next(random);
                        break;
                    case StatSubject.Training:
                        f.Category = course.Next(random);
                        f.InstitutionId = Institution();
                        f.InstitutionKind = trainee.Next(random);
                        break;
                    case StatSubject.ResourceFlow:
                        f.Category = flow.Next(random);
                        f.Stage = currency.Next(random);
                        f.Amount = random.Next(1_000, 500_000);
                        break;
                }
                yield return f;
            }
    }
}
