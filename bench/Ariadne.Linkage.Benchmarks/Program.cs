using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Ariadne.Linkage;

// Linkage benchmarks: accuracy on FEBRL and Splink data, Dice throughput, deduplication of 1,000,000 people.
// dotnet run -c Release --project bench/Ariadne.Linkage.Benchmarks -- accuracy|dice|million [count]
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
    default:
        Console.Error.WriteLine("usage: accuracy | dice | million [count]");
        return 2;
}
return 0;

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
    var fake = Read(Path.Combine(data, "splink", "fake_1000.csv"), "id=unique_id,given_name=first_name,surname=surname,date_of_birth=dob");
    var truth = File.ReadLines(Path.Combine(data, "splink", "fake_1000.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[^1]);
    clock.Restart();
    var dedupe = Linker.Dedupe(fake);
    var (fp, fr) = PairScore(fake, dedupe.ClusterOf, fake.Select(x => truth[x.Id]).ToList());
    Report("Splink fake_1000 dedupe", fp, fr, clock.Elapsed, dedupe.CandidatePairs);
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
