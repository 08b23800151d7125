using System.Diagnostics;
using System.Globalization;

namespace Ariadne.Linkage;

/// <summary>
/// The batch command for onboarding legacy registers:
/// <c>linkage dedupe --in people.csv --out clusters.csv</c> (writes id,cluster_id),
/// <c>linkage link --left a.csv --right b.csv --out pairs.csv</c> (writes left_id,right_id,score),
/// <c>linkage encode --in people.csv --out clks.csv --key-file FILE</c> (writes id,clk — what an agency hands over),
/// and <c>--privacy clk</c> to run dedupe or link on encodings (files written by encode, or plain files
/// encoded on the fly with <c>--key-file</c>). <c>--columns native=source,…</c> maps other headers.
/// Progress goes to standard error; a bad row is reported with its line number and skipped; a file that
/// cannot be read at all stops the run with a clear message and exit code 1.
/// </summary>
public static class LinkageCommand
{
    /// <summary>The fields of an encoding and the bits each q-gram sets.</summary>
    public static readonly IReadOnlyList<ClkField> ClkFields =
    [
        new("given_name", 10), new("surname", 10), new("patronymic", 5), new("sex", 3), new("date_of_birth", 10),
        new("citizenship", 3), new("document_number", 10), new("phone", 8), new("address", 5),
    ];

    /// <summary>
    /// The Dice threshold for encodings: XOR-folding lowers Dice scores (unrelated records score about
    /// 0.3–0.5), so the customary 0.8 of unfolded CLKs becomes about 0.6 (tuned on FEBRL4).
    /// </summary>
    public const double DefaultClkThreshold = 0.6;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is not ("dedupe" or "link" or "encode"))
        {
            await error.WriteLineAsync("usage: linkage dedupe --in FILE --out FILE | link --left FILE --right FILE --out FILE | encode --in FILE --out FILE --key-file FILE "
                + "[--columns native=source,...] [--threshold P] [--privacy clk [--key-file FILE]]");
            return 2;
        }
        var progress = new Progress(error);
        try
        {
            var options = Options(args[1..]);
            var mapping = PeopleCsv.ParseMapping(options.GetValueOrDefault("columns"));
            var clk = string.Equals(options.GetValueOrDefault("privacy"), "clk", StringComparison.OrdinalIgnoreCase);
            if (options.TryGetValue("privacy", out var privacy) && !clk)
                throw new LinkageInputException($"--privacy {privacy}: only 'clk' is known");
            var threshold = options.TryGetValue("threshold", out var t)
                ? double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 1 ? parsed
                    : throw new LinkageInputException("--threshold must be a number in (0, 1]")
                : clk ? DefaultClkThreshold : 0.9;
            switch (args[0])
            {
                case "encode":
                    {
                        var people = Read(Required(options, "in"), mapping, error, progress);
                        var keyFile = Required(options, "key-file");
                        using var encoder = Encoder(keyFile);
                        using var fieldEncoder = FieldEncoder(keyFile);
                        await using var writer = CsvWriter.Create(Required(options, "out"));
                        // id,clk as before (link and the national count read only these), then the per-field filters and
                        // the keyed blocking keys that deduplication on encodings needs.
                        await writer.WriteRowAsync("id", "clk", "fields", "keys");
                        foreach (var person in people)
                        {
                            var record = ClkFieldEncodings.Encode(encoder, fieldEncoder, person);
                            var (fields, keys) = ClkFieldEncodings.Format(record);
                            await writer.WriteRowAsync(person.Id, Convert.ToBase64String(Bytes(record.Clk)), fields, keys);
                        }
                        progress.Report($"encoded {people.Count:N0} records");
                        return 0;
                    }
                case "dedupe":
                    {
                        var file = Required(options, "in");
                        var output2 = Required(options, "out");
                        IReadOnlyList<int> cluster;
                        List<string> ids;
                        if (clk)
                        {
                            var (encodedIds, set, records) = Encodings(file, mapping, options.GetValueOrDefault("key-file"), error, progress);
                            ids = encodedIds;
                            if (records is not null)
                            {
                                // Per-field encodings: Fellegi–Sunter on each field's Dice; the threshold is a probability.
                                var probability = options.ContainsKey("threshold") ? threshold : 0.9;
                                var result = ClkFieldEncodings.Dedupe(records, probability, progress: progress);
                                cluster = result.ClusterOf;
                                progress.Report(result.Statistics.Describe());
                            }
                            else
                            {
                                // Record-level encodings only (an older encode): Dice above the threshold, clustered so that
                                // it cannot chain; the Dice of a whole record cannot tell a missing field from a different one.
                                progress.Report("warning: these encodings have no per-field filters (encoded by an older version); "
                                    + "records are compared on the record-level Dice only, which is far less accurate on registers with missing fields");
                                var found = new List<(int, int, double)>();
                                var compared = set.ForEachAbove(set, threshold, (i, j, d) => { lock (found) found.Add((i, j, d)); });
                                progress.Report($"compared {compared:N0} encodings: {found.Count:N0} pairs at Dice ≥ {threshold}");
                                cluster = Clustering.Cluster(set.Count, found);
                                progress.Report(ClusterStatistics.Of(cluster).Describe());
                            }
                        }
                        else
                        {
                            var people = Read(file, mapping, error, progress);
                            ids = people.Select(p => p.Id).ToList();
                            cluster = Linker.Dedupe(people, new LinkageOptions { Threshold = threshold, Progress = progress }).ClusterOf;
                        }
                        await using var writer = CsvWriter.Create(output2);
                        await writer.WriteRowAsync("id", "cluster_id");
                        for (var i = 0; i < ids.Count; i++)
                            await writer.WriteRowAsync(ids[i], ids[cluster[i]]);
                        progress.Report($"{cluster.Distinct().Count():N0} people in {ids.Count:N0} records");
                        return 0;
                    }
                default:
                    {
                        var leftFile = Required(options, "left");
                        var rightFile = Required(options, "right");
                        var output2 = Required(options, "out");
                        var pairs = new List<(string Left, string Right, double Score)>();
                        if (clk)
                        {
                            var (leftIds, leftSet, _) = Encodings(leftFile, mapping, options.GetValueOrDefault("key-file"), error, progress);
                            var (rightIds, rightSet, _) = Encodings(rightFile, mapping, options.GetValueOrDefault("key-file"), error, progress);
                            var found = new List<(int, int, double)>();
                            leftSet.ForEachAbove(rightSet, threshold, (i, j, s) => { lock (found) found.Add((i, j, s)); });
                            var usedLeft = new HashSet<int>();
                            var usedRight = new HashSet<int>();
                            foreach (var (i, j, s) in found.OrderByDescending(x => x.Item3))
                                if (!usedLeft.Contains(i) && !usedRight.Contains(j) && usedLeft.Add(i) && usedRight.Add(j))
                                    pairs.Add((leftIds[i], rightIds[j], s));
                        }
                        else
                        {
                            var left = Read(leftFile, mapping, error, progress);
                            var right = Read(rightFile, mapping, error, progress);
                            var result = Linker.Link(left, right, new LinkageOptions { Threshold = threshold, Progress = progress });
                            pairs.AddRange(result.Matches.Select(m => (left[m.Left].Id, right[m.Right].Id, m.Probability)));
                        }
                        await using var writer = CsvWriter.Create(output2);
                        await writer.WriteRowAsync("left_id", "right_id", "score");
                        foreach (var (l, r, s) in pairs)
                            await writer.WriteRowAsync(l, r, PeopleCsv.Format(s));
                        progress.Report($"{pairs.Count:N0} linked pairs");
                        return 0;
                    }
            }
        }
        catch (System.Text.DecoderFallbackException)
        {
            await error.WriteLineAsync("error: the file is not UTF-8 text; save it as UTF-8 and run again");
            return 1;
        }
        catch (Exception ex) when (ex is LinkageInputException or IOException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            await error.WriteLineAsync("error: " + ex.Message);
            return 1;
        }
    }

    /// <summary>The encoding of one person: each field in its comparison form.</summary>
    public static ulong[] Encode(ClkEncoder encoder, PersonRecord person)
    {
        var birth = Similarity.ParseDate(person.DateOfBirth);
        var prepared = new PreparedRecord(person);
        return encoder.Encode(
        [
            (ClkFields[0], NameNormalizer.Canonical(person.GivenName)),
            (ClkFields[1], NameNormalizer.Canonical(person.Surname)),
            (ClkFields[2], prepared.Patronymic),
            (ClkFields[3], prepared.Sex == '\0' ? null : prepared.Sex.ToString()),
            (ClkFields[4], birth == 0 ? null : birth.ToString(CultureInfo.InvariantCulture)),
            (ClkFields[5], prepared.Citizenship),
            (ClkFields[6], prepared.Document),
            (ClkFields[7], prepared.Phone),
            (ClkFields[8], prepared.Address),
        ]);
    }

    private static readonly string[] KnownOptions = ["in", "out", "left", "right", "columns", "threshold", "privacy", "key-file"];

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new LinkageInputException($"'{args[i]}': options are --name value");
            if (!KnownOptions.Contains(args[i][2..]))
                throw new LinkageInputException($"'{args[i]}' is not an option ({string.Join(", ", KnownOptions.Select(o => "--" + o))})");
            options[args[i][2..]] = args[++i];
        }
        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new LinkageInputException($"--{name} is required");

    private static List<PersonRecord> Read(string file, IReadOnlyDictionary<string, string> mapping, TextWriter error, Progress progress)
    {
        if (!File.Exists(file))
            throw new LinkageInputException($"{file}: no such file");
        using var reader = new StreamReader(file, StrictUtf8);
        var bad = 0;
        var people = PeopleCsv.Read(reader, mapping, (line, reason) =>
        {
            bad++;
            error.WriteLine($"{Path.GetFileName(file)} line {line}: {reason}");
        });
        progress.Report($"read {people.Count:N0} records from {Path.GetFileName(file)}" + (bad > 0 ? $" ({bad:N0} rows reported)" : ""));
        return people;
    }

    private static ClkEncoder FieldEncoder(string keyFile)
    {
        var key = File.ReadAllBytes(keyFile);
        return new ClkEncoder(key, new ClkOptions(ClkFieldEncodings.Bits));
    }

    private static ClkEncoder Encoder(string keyFile)
    {
        if (!File.Exists(keyFile))
            throw new LinkageInputException($"{keyFile}: no such key file");
        var key = File.ReadAllBytes(keyFile);
        if (key.Length < 32)
            throw new LinkageInputException("the key file must hold at least 32 bytes (e.g. head -c 32 /dev/urandom > key)");
        return new ClkEncoder(key);
    }

    /// <summary>
    /// Encodings from a file written by encode (header id,clk,fields,keys, or id,clk from an older version), or a plain
    /// register encoded now with the key. The per-field records are null when the file has none.
    /// </summary>
    private static (List<string> Ids, ClkSet Set, List<ClkRecord>? Records) Encodings(string file, IReadOnlyDictionary<string, string> mapping, string? keyFile,
        TextWriter error, Progress progress)
    {
        if (!File.Exists(file))
            throw new LinkageInputException($"{file}: no such file");
        var ids = new List<string>();
        var set = new ClkSet();
        List<ClkRecord>? records = null;
        using var reader = new StreamReader(file, StrictUtf8);
        var header = (reader.ReadLine() ?? throw new LinkageInputException($"{file}: empty")).Trim();
        var perField = string.Equals(header, "id,clk,fields,keys", StringComparison.Ordinal);
        if (perField || string.Equals(header, "id,clk", StringComparison.Ordinal))
        {
            long line = 1;
            var buffer = new byte[set.Words * 8];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            records = perField ? [] : null;
            while (reader.ReadLine() is { } text)
            {
                line++;
                // The id may be quoted and hold commas; the encodings never do: split from the right. The writer puts a
                // quote before a value a spreadsheet could read as a formula (base64 may start with +): it is not part of it.
                string? fields = null, keys = null;
                var end = text.Length;
                if (perField)
                {
                    var k = text.LastIndexOf(',');
                    var f = k > 0 ? text.LastIndexOf(',', k - 1) : -1;
                    if (f > 0)
                    {
                        keys = text[(k + 1)..].TrimStart('\'');
                        fields = text[(f + 1)..k].TrimStart('\'');
                        end = f;
                    }
                }
                var comma = end > 0 ? text.LastIndexOf(',', end - 1) : -1;
                if (comma <= 0 || (perField && keys is null) || !Convert.TryFromBase64String(text[(comma + 1)..end].TrimStart('\''), buffer, out var written) || written != buffer.Length)
                {
                    error.WriteLine($"{Path.GetFileName(file)} line {line}: not an id and a {set.Bits}-bit encoding");
                    continue;
                }
                var clk = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(buffer);
                ClkRecord? record = null;
                if (perField && !ClkFieldEncodings.TryParse(clk, fields!, keys!, out record))
                {
                    error.WriteLine($"{Path.GetFileName(file)} line {line}: the per-field encodings are not of this version's layout");
                    continue;
                }
                var id = text[..comma].Trim().Trim('"').Replace("\"\"", "\"", StringComparison.Ordinal);
                if (id.Length == 0 || !seen.Add(id))
                {
                    error.WriteLine($"{Path.GetFileName(file)} line {line}: {(id.Length == 0 ? "no id" : "the id appears twice")}");
                    continue;
                }
                ids.Add(id);
                set.Add(clk);
                records?.Add(record!);
            }
        }
        else
        {
            if (keyFile is null)
                throw new LinkageInputException($"{file} is a plain register: give --key-file to encode it, or pass the output of 'linkage encode'");
            reader.Dispose();
            var people = Read(file, mapping, error, progress);
            using var encoder = Encoder(keyFile);
            using var fieldEncoder = FieldEncoder(keyFile);
            records = [];
            foreach (var person in people)
            {
                var record = ClkFieldEncodings.Encode(encoder, fieldEncoder, person);
                ids.Add(person.Id);
                set.Add(record.Clk);
                records.Add(record);
            }
        }
        progress.Report($"{ids.Count:N0} encodings from {Path.GetFileName(file)}" + (records is null ? " (record-level only)" : ""));
        return (ids, set, records);
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static byte[] Bytes(ulong[] words) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()).ToArray();

    /// <summary>Progress on standard error, with the time since the start.</summary>
    private sealed class Progress(TextWriter error) : IProgress<string>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public void Report(string value) => error.WriteLine($"[{_clock.Elapsed.TotalSeconds,7:F1} s] {value}");
    }
}
