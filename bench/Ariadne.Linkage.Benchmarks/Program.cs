using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Ariadne.Linkage;

// Linkage benchmarks: accuracy on FEBRL and Splink data, Dice throughput, deduplication of 1,000,000 people.
// dotnet run -c Release --project bench/Ariadne.Linkage.Benchmarks -- accuracy|register|dice|million [count] (and diagnostics: model, fake, clkfebrl, same, keys, explain)
var command = args.FirstOrDefault() ?? "accuracy";
var data = FindData();
switch (command)
{
    case "accuracy":
        Accuracy(data);
        break;
    case "explain":
        {
            var records = Read(Path.Combine(data, "febrl", args[1]), "id=rec_id,given_name=given_name,surname=surname,date_of_birth=date_of_birth,document_number=soc_sec_id");
            var result = Linker.Dedupe(records);
            string E(string id) => Regex.Match(id, @"rec-(\d+)-").Groups[1].Value;
            Console.WriteLine($"lambda {result.Model.Lambda}");
            for (var f = 0; f < result.Model.Fields.Count; f++)
                Console.WriteLine($"{result.Model.Fields[f].Name}: m [{string.Join(", ", result.Model.M[f].Select(x => x.ToString("F3", CultureInfo.InvariantCulture)))}] u [{string.Join(", ", result.Model.U[f].Select(x => x.ToString("G3", CultureInfo.InvariantCulture)))}]");
            foreach (var m in result.Matches.Where(m => E(records[m.Left].Id) != E(records[m.Right].Id)).Take(8))
                Console.WriteLine($"{records[m.Left]} ~ {records[m.Right]} p={m.Probability:F3} " + string.Join(" ", m.Evidence.Select(e => $"{e.Field}:{e.Level}:{e.Weight}")));
            Console.WriteLine($"false {result.Matches.Count(m => E(records[m.Left].Id) != E(records[m.Right].Id))} of {result.Matches.Count}");
            break;
        }
    case "dice":
        DiceThroughput(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000);
        break;
    case "model":
        {
            var people = Synthetic.People(80_000, 20_000, 11);
            var records = people.Select(p => p.Record).ToList();
            var result = Linker.Dedupe(records);
            Console.WriteLine($"lambda {result.Model.Lambda}");
            for (var f = 0; f < result.Model.Fields.Count; f++)
                Console.WriteLine($"{result.Model.Fields[f].Name}: m [{string.Join(", ", result.Model.M[f].Select(x => x.ToString("F3", CultureInfo.InvariantCulture)))}] u [{string.Join(", ", result.Model.U[f].Select(x => x.ToString("G3", CultureInfo.InvariantCulture)))}]");
            foreach (var m in result.Matches.Where(m => people[m.Left].Entity != people[m.Right].Entity).Take(5))
                Console.WriteLine($"{records[m.Left].GivenName} {records[m.Left].Surname} {records[m.Left].DateOfBirth} ~ {records[m.Right].GivenName} {records[m.Right].Surname} {records[m.Right].DateOfBirth} p={m.Probability:F3} " + string.Join(" ", m.Evidence.Select(e => $"{e.Field}:{e.Level}:{e.Weight}")));
            var (p2, r2) = PairScore(records, result.ClusterOf, people.Select(x => x.Entity.ToString(CultureInfo.InvariantCulture)).ToList());
            Report("synthetic 100k", p2, r2, TimeSpan.Zero, result.CandidatePairs);
            break;
        }
    case "register":
        await RegisterAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_260_312);
        break;
    case "keys":
        foreach (var name in args[1..])
            Console.WriteLine($"{name,-16} canonical {NameNormalizer.Canonical(name),-14} skeleton {NameNormalizer.Skeleton(name),-14} stem {NameNormalizer.SurnameStem(name),-12} given {NameNormalizer.GivenKey(name),-12} patronymic {NameNormalizer.PatronymicKey(name)}");
        break;
    case "fake":
        {
            var fake = Read(Path.Combine(data, "splink", "fake_1000.csv"), "id=unique_id,given_name=first_name,surname=surname,date_of_birth=dob");
            var truth = File.ReadLines(Path.Combine(data, "splink", "fake_1000.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[^1]);
            var prepared = Linker.Prepare(fake);
            var (pairs, report) = Blocking.DedupeWithReport(prepared, Blocking.Default);
            Console.WriteLine(report.Describe());
            Console.WriteLine($"true pairs among candidates {pairs.Count(p => truth[fake[p.Left].Id] == truth[fake[p.Right].Id])} of {pairs.Length}");
            foreach (var g in pairs.GroupBy(p => p.Rule))
                Console.WriteLine($"  rule {Blocking.Default[g.Key].Name}: {g.Count()} pairs, {g.Count(p => truth[fake[p.Left].Id] == truth[fake[p.Right].Id])} true");
            var result = Linker.Dedupe(fake);
            var model = result.Model;
            for (var f = 0; f < model.Fields.Count; f++)
                Console.WriteLine($"  {model.Fields[f].Name,-16} " + string.Join("; ", model.Fields[f].Levels.Append("missing").Select((level, l) => $"{level} {model.M[f][l]:F3}/{model.U[f][l]:F4}")));
            Console.WriteLine($"matches {result.Matches.Count}, true {result.Matches.Count(m => truth[fake[m.Left].Id] == truth[fake[m.Right].Id])}, lambda {model.Lambda:F3}");
            var (fp, fr) = PairScore(fake, result.ClusterOf, fake.Select(x => truth[x.Id]).ToList());
            Report("fake_1000", fp, fr, TimeSpan.Zero, result.CandidatePairs);
            break;
        }
    case "same":
        {
            var records = Enumerable.Range(0, int.Parse(args[1], CultureInfo.InvariantCulture)).Select(i => new PersonRecord($"r{i}", "Aynur", "Məmmədova", "Əli qızı", "F", "1990-01-02")).ToList();
            var clock = Stopwatch.StartNew();
            var prepared = Linker.Prepare(records);
            Console.WriteLine($"prepare {clock.Elapsed.TotalSeconds:F2}");
            var (pairs, report) = Blocking.DedupeWithReport(prepared, Blocking.Default);
            Console.WriteLine($"blocking {clock.Elapsed.TotalSeconds:F2} {report.Describe()}");
            break;
        }
    case "clkfebrl":
        {
            var records = Read(Path.Combine(data, "febrl", args[1]), "id=rec_id,given_name=given_name,surname=surname,date_of_birth=date_of_birth,document_number=soc_sec_id");
            var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            using var encoder = new ClkEncoder(key);
            using var fieldEncoder = new ClkEncoder(key, new ClkOptions(ClkFieldEncodings.Bits));
            var encoded = records.Select(r => ClkFieldEncodings.Encode(encoder, fieldEncoder, r)).ToList();
            var result = ClkFieldEncodings.Dedupe(encoded, progress: new Progress<string>(Console.WriteLine));
            var model = result.Model;
            for (var f = 0; f < model.Fields.Count; f++)
                Console.WriteLine($"  {model.Fields[f].Name,-16} " + string.Join("; ", model.Fields[f].Levels.Append("missing").Select((level, l) => $"{level} {model.M[f][l]:F3}/{model.U[f][l]:F4}")));
            string E(string id) => Regex.Match(id, @"rec-(\d+)-").Groups[1].Value;
            foreach (var m in result.Matches.Where(m => E(records[m.Left].Id) != E(records[m.Right].Id)).Take(10))
            {
                var pattern = ClkFieldEncodings.Pattern(encoded[m.Left], encoded[m.Right]);
                Console.WriteLine($"{records[m.Left]}\n{records[m.Right]}\n  p={m.Probability:F3} levels " + string.Join(",", Enumerable.Range(0, model.Fields.Count).Select(f => FellegiSunterModel.LevelOf(pattern, f, model.Fields.Count))));
            }
            var (p, r) = PairScore(records, result.ClusterOf, records.Select(x => E(x.Id)).ToList());
            Report("clk " + args[1], p, r, TimeSpan.Zero, result.CandidatePairs);
            break;
        }
    case "million":
        Million(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
        break;
    default:
        Console.Error.WriteLine("usage: accuracy | register [people] [seed] | dice [n] | million [n] | model | fake | clkfebrl FILE | same N | keys NAME... | explain FILE");
        return 2;
}
return 0;

// The generated cross-alphabet register through the command, plain and on encodings (as a user runs it).
static async Task RegisterAsync(int people, int seed)
{
    var set = Ariadne.Linkage.Testing.CrossAlphabetRegister.Generate(seed, people,
        double.Parse(Environment.GetEnvironmentVariable("ONCE") ?? "0", CultureInfo.InvariantCulture));
    var dir = Directory.CreateTempSubdirectory("ariadne-register-").FullName;
    try
    {
        var input = Path.Combine(dir, "register.csv");
        set.WriteCsv(input);
        if (Environment.GetEnvironmentVariable("KEEP") is { } keep)
            File.Copy(input, keep, overwrite: true);
        var key = Path.Combine(dir, "key");
        await File.WriteAllBytesAsync(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Console.WriteLine($"{people:N0} people, {set.Records.Count:N0} registrations, {set.TruePairs().Count:N0} true pairs (seed {seed})");
        foreach (var clk in new[] { false, true })
        {
            var output = Path.Combine(dir, clk ? "clk.csv" : "plain.csv");
            string[] run = clk ? ["dedupe", "--in", input, "--out", output, "--privacy", "clk", "--key-file", key] : ["dedupe", "--in", input, "--out", output];
            var clock = Stopwatch.StartNew();
            using var log = new StringWriter();
            var code = await LinkageCommand.RunAsync(run, Console.Out, log);
            if (code != 0)
                Console.WriteLine(log);
            var (p, r, _) = set.ScoreFile(output);
            Report($"register {(clk ? "CLK" : "plain")} dedupe", p, r, clock.Elapsed, 0);
            if (Environment.GetEnvironmentVariable("VERBOSE") is "1")
            {
                Console.Write(log);
                Explain(set, output);
            }
        }
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

// Where the errors of a clustering are: false pairs by relation, missed pairs by the difference added, and a sample of each.
static void Explain(Ariadne.Linkage.Testing.RegisterSet set, string clusters)
{
    var index = set.Records.Select((r, i) => (r.Record.Id, i)).ToDictionary(x => x.Id, x => x.i);
    var clusterOf = new string[set.Records.Count];
    foreach (var line in File.ReadLines(clusters).Skip(1).Where(l => l.Length > 0))
        clusterOf[index[line.Split(',')[0]]] = line.Split(',')[1];
    var falsePairs = new List<(int, int)>();
    foreach (var g in Enumerable.Range(0, clusterOf.Length).GroupBy(i => clusterOf[i]))
    {
        var m = g.ToList();
        for (var a = 0; a < m.Count; a++)
            for (var b = a + 1; b < m.Count; b++)
                if (set.Records[m[a]].Person != set.Records[m[b]].Person)
                    falsePairs.Add((m[a], m[b]));
    }
    var missed = set.TruePairs().Where(p => clusterOf[p.Item1] != clusterOf[p.Item2]).ToList();
    string Relation((int A, int B) p)
    {
        var (a, b) = (set.People[set.Records[p.A].Person], set.People[set.Records[p.B].Person]);
        return a.Group >= 0 && a.Group == b.Group ? a.Kind : a.Surname == b.Surname ? "same surname" : "other";
    }
    string Show(int i)
    {
        var r = set.Records[i].Record;
        return $"p{set.Records[i].Person} [{set.Records[i].Writing}{(set.Records[i].Difference is { } d ? " " + d : "")}] {r.GivenName} {r.Surname} / {r.Patronymic} / {r.Sex} / {r.DateOfBirth} / {r.DocumentNumber} / {r.Phone}";
    }
    var records = set.Records.Select(r => r.Record).ToList();
    var prepared = Linker.Prepare(records);
    var result = Linker.Dedupe(records);
    var model = result.Model;
    for (var f = 0; f < model.Fields.Count; f++)
        Console.WriteLine($"  {model.Fields[f].Name,-16} " + string.Join("; ", model.Fields[f].Levels.Append("missing").Select((level, l) => $"{level} {model.M[f][l]:F3}/{model.U[f][l]:F4}")));
    var direct = result.Matches.Select(m => (m.Left, m.Right)).ToHashSet();
    Console.WriteLine($"false pairs matched directly: {falsePairs.Count(p => direct.Contains((Math.Min(p.Item1, p.Item2), Math.Max(p.Item1, p.Item2))))}");
    string Score(int a, int b)
    {
        var sc = model.Score(a, b, prepared[a], prepared[b], FellegiSunterModel.Pattern(model.Fields, prepared[a], prepared[b]), true);
        return $"P={sc.Probability:F3} w={sc.MatchWeight:F1} " + string.Join(" ", sc.Evidence.Select(e => $"{e.Field}:{e.Level}:{e.Weight}"));
    }
    Console.WriteLine($"false pairs {falsePairs.Count}: " + string.Join(", ", falsePairs.GroupBy(Relation).Select(g => $"{g.Key} {g.Count()}")));
    Console.WriteLine($"missed pairs {missed.Count}: " + string.Join(", ", missed.GroupBy(p => set.Records[p.Item1].Difference ?? set.Records[p.Item2].Difference ?? "none").Select(g => $"{g.Key} {g.Count()}")));
    Console.WriteLine("largest clusters: " + string.Join(", ", clusterOf.GroupBy(c => c).Select(g => g.Count()).OrderDescending().Take(10)));
    var kind = Environment.GetEnvironmentVariable("KIND");
    var shown = kind is null ? falsePairs : falsePairs.Where(p => Relation(p) == kind).ToList();
    foreach (var (a, b) in shown.Where((_, k) => k % Math.Max(1, shown.Count / 12) == 0).Take(12))
        Console.WriteLine($"  FP {Show(a)}\n     {Show(b)}\n     {Score(a, b)}");
    foreach (var (a, b) in missed.Where((_, k) => k % Math.Max(1, missed.Count / 16) == 0).Take(16))
        Console.WriteLine($"  FN {Show(a)}\n     {Show(b)}\n     {Score(a, b)}");
}

static string FindData()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data", "febrl")))
            return Path.Combine(dir.FullName, "shared", "data");
    throw new DirectoryNotFoundException("shared/data not found");
}

static List<PersonRecord> Read(string file, string mapping)
{
    using var reader = new StreamReader(file);
    return PeopleCsv.Read(reader, PeopleCsv.ParseMapping(mapping), (_, _) => { });
}

static void Accuracy(string data)
{
    const string febrl = "id=rec_id,given_name=given_name,surname=surname,date_of_birth=date_of_birth,document_number=soc_sec_id";
    string Entity(string id) => Regex.Match(id, @"rec-(\d+)-").Groups[1].Value;
    var left = Read(Path.Combine(data, "febrl", "dataset4a.csv"), febrl);
    var right = Read(Path.Combine(data, "febrl", "dataset4b.csv"), febrl);
    var clock = Stopwatch.StartNew();
    var link = Linker.Link(left, right);
    var correct = link.Matches.Count(m => Entity(left[m.Left].Id) == Entity(right[m.Right].Id));
    Report("FEBRL4 link (plain)", (double)correct / link.Matches.Count, correct / 5000.0, clock.Elapsed, link.CandidatePairs);

    foreach (var file in new[] { "dataset1.csv", "dataset2.csv", "dataset3.csv" })
    {
        var records = Read(Path.Combine(data, "febrl", file), febrl);
        clock.Restart();
        var result = Linker.Dedupe(records, new LinkageOptions { Threshold = double.Parse(Environment.GetEnvironmentVariable("T") ?? "0.9", CultureInfo.InvariantCulture) });
        var (p, r) = PairScore(records, result.ClusterOf, records.Select(x => Entity(x.Id)).ToList());
        Report($"FEBRL {file} dedupe", p, r, clock.Elapsed, result.CandidatePairs);
    }
    // The same deduplications through the command on encodings (each file encoded with a fresh key).
    foreach (var file in new[] { "dataset1.csv", "dataset2.csv", "dataset3.csv" })
    {
        var records = Read(Path.Combine(data, "febrl", file), febrl);
        clock.Restart();
        var clusters = CommandDedupe(Path.Combine(data, "febrl", file), "id=rec_id,document_number=soc_sec_id", clk: true);
        var (p, r) = PairScore(records, records.Select(x => clusters[x.Id]).ToList(), records.Select(x => Entity(x.Id)).ToList());
        Report($"FEBRL {file} CLK dedupe", p, r, clock.Elapsed, 0);
    }
    var fakeFile = Path.Combine(data, "splink", "fake_1000.csv");
    var fakeTruth = File.ReadLines(fakeFile).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[^1]);
    {
        var records = Read(fakeFile, "id=unique_id,given_name=first_name,surname=surname,date_of_birth=dob");
        clock.Restart();
        var clusters = CommandDedupe(fakeFile, "id=unique_id,given_name=first_name,surname=surname,date_of_birth=dob", clk: true);
        var (p, r) = PairScore(records, records.Select(x => clusters[x.Id]).ToList(), records.Select(x => fakeTruth[x.Id]).ToList());
        Report("Splink fake_1000 CLK dedupe", p, r, clock.Elapsed, 0);
    }
    var fake = Read(Path.Combine(data, "splink", "fake_1000.csv"), "id=unique_id,given_name=first_name,surname=surname,date_of_birth=dob");
    var truth = File.ReadLines(Path.Combine(data, "splink", "fake_1000.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[^1]);
    clock.Restart();
    var dedupe = Linker.Dedupe(fake);
    var (fp, fr) = PairScore(fake, dedupe.ClusterOf, fake.Select(x => truth[x.Id]).ToList());
    Report("Splink fake_1000 dedupe", fp, fr, clock.Elapsed, dedupe.CandidatePairs);
}

// linkage dedupe on a file (plain, or encoded on the fly with a fresh key): each record's cluster as a number.
static Dictionary<string, int> CommandDedupe(string file, string columns, bool clk)
{
    var dir = Directory.CreateTempSubdirectory("ariadne-bench-").FullName;
    try
    {
        var output = Path.Combine(dir, "clusters.csv");
        var key = Path.Combine(dir, "key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        string[] run = clk ? ["dedupe", "--in", file, "--out", output, "--columns", columns, "--privacy", "clk", "--key-file", key] : ["dedupe", "--in", file, "--out", output, "--columns", columns];
        using var log = new StringWriter();
        if (LinkageCommand.RunAsync(run, TextWriter.Null, log).GetAwaiter().GetResult() != 0)
            throw new InvalidOperationException(log.ToString());
        var names = new Dictionary<string, int>();
        return File.ReadLines(output).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .ToDictionary(p => p[0], p => names.TryGetValue(p[1], out var c) ? c : names[p[1]] = names.Count);
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

static (double Precision, double Recall) PairScore(List<PersonRecord> records, IReadOnlyList<int> cluster, List<string> entity)
{
    long tp = 0, predicted = 0, actual = 0;
    foreach (var g in Enumerable.Range(0, records.Count).GroupBy(i => cluster[i]))
    {
        var members = g.ToList();
        predicted += (long)members.Count * (members.Count - 1) / 2;
        foreach (var e in members.GroupBy(i => entity[i]))
            tp += (long)e.Count() * (e.Count() - 1) / 2;
    }
    foreach (var e in Enumerable.Range(0, records.Count).GroupBy(i => entity[i]))
        actual += (long)e.Count() * (e.Count() - 1) / 2;
    return (predicted == 0 ? 0 : (double)tp / predicted, actual == 0 ? 1 : (double)tp / actual);
}

static void Report(string name, double precision, double recall, TimeSpan elapsed, long pairs)
{
    var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-28} precision {precision:F4}  recall {recall:F4}  F1 {f1:F4}  pairs {pairs,10:N0}  {elapsed.TotalSeconds:F2} s"));
}

static void DiceThroughput(int n)
{
    // Encodings of synthetic people, then every left × right pair compared on one thread.
    var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
    using var encoder = new ClkEncoder(key);
    var people = Synthetic.People(2 * n, 0, 7);
    var left = new ClkSet(capacity: n);
    var right = new ClkSet(capacity: n);
    for (var i = 0; i < n; i++)
    {
        left.Add(LinkageCommand.Encode(encoder, people[i].Record));
        right.Add(LinkageCommand.Encode(encoder, people[n + i].Record));
    }
    for (var round = 0; round < 3; round++)
    {
        var clock = Stopwatch.StartNew();
        // A high threshold, as in linkage: few callbacks; ForEachAbove counts the pairs it really compared (the popcount bound skips the rest).
        long matches = 0;
        var compared = left.ForEachAbove(right, 0.95, (_, _, _) => matches++);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dice, 1024-bit, one thread: {compared:N0} comparisons in {seconds:F2} s = {compared / seconds:E2} per second"));
    }
}

static void Million(int count)
{
    var duplicates = count / 5;
    var people = Synthetic.People(count - duplicates, duplicates, 11);
    var records = people.Select(p => p.Record).ToList();
    GC.Collect();
    var before = GC.GetTotalMemory(true);
    var clock = Stopwatch.StartNew();
    var result = Linker.Dedupe(records, new LinkageOptions { Progress = new Progress<string>(m => Console.WriteLine($"  [{clock.Elapsed.TotalSeconds,6:F1} s] {m}")) });
    var elapsed = clock.Elapsed;
    var peak = Process.GetCurrentProcess().PeakWorkingSet64;
    var (p, r) = PairScore(records, result.ClusterOf, people.Select(x => x.Entity.ToString(CultureInfo.InvariantCulture)).ToList());
    Report($"synthetic {count:N0} dedupe", p, r, elapsed, result.CandidatePairs);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {peak / 1024.0 / 1024:F0} MiB (heap before run {before / 1024.0 / 1024:F0} MiB), {Environment.ProcessorCount} cores"));
}

/// <summary>Synthetic Azerbaijani people with known truth: distinct people, then noisy second records of some of them.</summary>
static class Synthetic
{
    private static readonly string[] GivenRoots = ["Ayn", "Ley", "Nig", "Gün", "Səb", "Ays", "Nər", "Kön", "Sev", "Lal", "Eln", "Rəş", "Tur", "Orx", "Kam", "Elv", "Vüs", "Fər", "Mur", "Rau", "Zau", "Sam", "Tof", "Elç", "Cav", "Xəy", "Şah", "Çin", "Yus", "Hüs", "Həs", "Qas", "Məm", "Rəh", "İlq", "Nur", "Gül", "Ülv", "Ram", "Vəl"];
    private static readonly string[] GivenEnds = ["ur", "la", "ar", "ay", "inə", "el", "min", "ül", "da", "lə", "nur", "ad", "al", "an", "ran", "vin", "sal", "id", "ad", "uf", "ur", "ir", "iq", "in", "id", "al", "in", "giz", "if", "eyn", "ən", "ım", "məd", "im", "qar", "ər", "nar", "vi", "il", "i"];
    private static readonly string[] SurnameRoots = ["Məmməd", "Əli", "Hüseyn", "Həsən", "Qul", "Qasım", "Cəfər", "Xəlil", "Rza", "Abbas", "Baba", "İsmayıl", "Mirzə", "Nəbi", "Kazım", "Vəli", "Sadıq", "Oruc", "Nağı", "Əsgər", "Mehdi", "Səfər", "Quliyə", "Tağı", "Bağır", "Zeynal", "Heydər", "Ağa", "Rəhim", "Fətəli", "Musa", "İbrahim", "Yusif", "Kərim", "Cabbar", "Şükür", "Ələsgər", "Hacı", "Novruz", "Bayram"];
    private static readonly string[] SurnameMiddles = ["", "ov", "bəy", "xan", "qulu", "zadə", "li", "ağa", "nəsir", "cən"];

    public sealed record Person(PersonRecord Record, int Entity);

    public static List<Person> People(int distinct, int duplicates, int seed)
    {
        var random = new Random(seed);
        var result = new List<Person>(distinct + duplicates);
        for (var i = 0; i < distinct; i++)
        {
            var female = random.Next(2) == 0;
            var given = GivenRoots[random.Next(GivenRoots.Length)] + GivenEnds[random.Next(GivenEnds.Length)];
            var root = SurnameRoots[random.Next(SurnameRoots.Length)] + SurnameMiddles[random.Next(SurnameMiddles.Length)];
            var surname = root + (root.EndsWith("zadə", StringComparison.Ordinal) || root.EndsWith("li", StringComparison.Ordinal) ? "" : female ? "ova" : "ov");
            var father = GivenRoots[random.Next(GivenRoots.Length)] + GivenEnds[random.Next(GivenEnds.Length)];
            var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(60 * 365));
            result.Add(new Person(new PersonRecord(i.ToString(CultureInfo.InvariantCulture), given, surname, father + (female ? " qızı" : " oğlu"), female ? "female" : "male",
                birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "AZE",
                random.Next(2) == 0 ? $"AZE{random.Next(10_000_000, 99_999_999)}" : null,
                random.Next(3) == 0 ? $"+99450{random.Next(1_000_000, 9_999_999)}" : null), i));
        }
        for (var d = 0; d < duplicates; d++)
        {
            var original = result[random.Next(distinct)];
            var r = original.Record;
            var given = r.GivenName!;
            var surname = r.Surname!;
            switch (random.Next(4))
            {
                case 0: given = Typo(given, random); break;
                case 1: surname = Typo(surname, random); break;
                case 2: surname = surname.Replace("ə", "a", StringComparison.Ordinal).Replace("ı", "i", StringComparison.Ordinal); break;
            }
            var birth = r.DateOfBirth;
            if (random.Next(10) == 0)
                birth = null;
            else if (random.Next(10) == 0)
                birth = $"{birth![..4]}-{birth[8..10]}-{birth[5..7]}";
            result.Add(new Person(new PersonRecord($"d{d.ToString(CultureInfo.InvariantCulture)}", given, surname, random.Next(2) == 0 ? r.Patronymic : null, r.Sex, birth, r.Citizenship,
                random.Next(2) == 0 ? r.DocumentNumber : null, random.Next(2) == 0 ? r.Phone : null), original.Entity));
        }
        return result;
    }

    private static string Typo(string value, Random random)
    {
        var chars = value.ToCharArray();
        var at = 1 + random.Next(chars.Length - 1);
        chars[at] = (char)('a' + random.Next(26));
        return new string(chars);
    }
}
