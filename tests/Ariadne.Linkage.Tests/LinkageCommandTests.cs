namespace Ariadne.Linkage.Tests;

/// <summary>The batch command: outputs, bad rows reported and skipped, malformed files refused, the encoding path.</summary>
public sealed class LinkageCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ariadne-linkage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await LinkageCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private const string People = """
        id,given_name,surname,patronymic,sex,date_of_birth,citizenship,document_number,phone
        1,Aynur,Məmmədova,Əli qızı,female,1998-04-12,AZE,AZE1234567,+994 50 111 22 33
        2,Айнур,Мамедова,Алиевна,female,12.04.1998,AZE,AZE1234567,
        3,Aynur,Mammadova,,F,1998-04-12,AZE,,994501112233
        4,Rauf,Həsənov,,male,1980-01-01,AZE,AZE7654321,
        5,only,two,fields
        ,Nobody,Noid,,,,,,
        1,Duplicate,Id,,,,,,
        """;

    [Fact]
    public async Task Dedupe_writes_clusters_reports_bad_rows_with_their_line_and_goes_on()
    {
        var input = File("people.csv", People);
        var output = Path.Combine(_dir, "clusters.csv");
        var (code, _, error) = await RunAsync("dedupe", "--in", input, "--out", output);
        Assert.Equal(0, code);
        Assert.Contains("line 6: 4 fields where the header has 9", error, StringComparison.Ordinal);
        Assert.Contains("line 7: no id", error, StringComparison.Ordinal);
        Assert.Contains("line 8: the id appears twice", error, StringComparison.Ordinal);
        Assert.Contains("read 4 records", error, StringComparison.Ordinal);
        var rows = System.IO.File.ReadAllLines(output);
        Assert.Equal("id,cluster_id", rows[0]);
        var cluster = rows.Skip(1).Select(r => r.Split(',')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(4, cluster.Count);
        Assert.Equal(cluster["1"], cluster["2"]); // Məmmədova / Мамедова, same document
        Assert.Equal(cluster["1"], cluster["3"]); // Mammadova, same phone and birth
        Assert.NotEqual(cluster["1"], cluster["4"]);
    }

    [Fact]
    public async Task Malformed_input_stops_with_a_clear_message()
    {
        var noId = File("noid.csv", "name,surname\nA,B\n");
        Assert.Equal((1, "error: the header has no id column (map one with --columns id=...)"), await Short("dedupe", "--in", noId, "--out", Path.Combine(_dir, "x.csv")));
        var empty = File("empty.csv", "");
        Assert.Equal((1, "error: the file is empty: a header row is required"), await Short("dedupe", "--in", empty, "--out", Path.Combine(_dir, "x.csv")));
        Assert.Equal(1, (await RunAsync("dedupe", "--in", noId)).Code);
        Assert.Equal(1, (await RunAsync("dedupe", "--in", noId, "--out", "x", "--columns", "name")).Code);
        Assert.Equal(2, (await RunAsync("unknown")).Code);
        Assert.False(System.IO.File.Exists(Path.Combine(_dir, "x.csv")));
    }

    [Fact]
    public async Task Option_mistakes_encodings_and_broken_quotes_get_clear_answers_and_the_run_goes_on()
    {
        var input = File("people.csv", People);
        Assert.Equal((1, "error: '--in': options are --name value"), await Short("dedupe", "--in"));
        Assert.StartsWith("error: '--thresold' is not an option", (await Short("dedupe", "--in", input, "--out", Path.Combine(_dir, "x.csv"), "--thresold", "0.8")).Item2, StringComparison.Ordinal);

        var latin1 = Path.Combine(_dir, "latin1.csv");
        await System.IO.File.WriteAllBytesAsync(latin1, [.. "id,surname\n1,M"u8, 0xE4, (byte)'\n']);
        Assert.Equal((1, "error: the file is not UTF-8 text; save it as UTF-8 and run again"), await Short("dedupe", "--in", latin1, "--out", Path.Combine(_dir, "x.csv")));

        // An unclosed quote costs its own lines, not the rest of the file; people who share nothing make no pairs and no crash.
        var broken = File("broken.csv", "id,given_name,surname\n1,\"Aynur,Əliyeva\n" + string.Join("\n", Enumerable.Range(2, 40).Select(i => $"{i},Name{i},Surname{i}")) + "\n");
        var output = Path.Combine(_dir, "clusters.csv");
        var (code, _, error) = await RunAsync("dedupe", "--in", broken, "--out", output);
        Assert.True(code == 0, error);
        Assert.Contains("line 2: a quote is not closed; lines 2 to 21 were skipped", error, StringComparison.Ordinal);
        Assert.Equal(21, System.IO.File.ReadAllLines(output).Length - 1); // rows 22..42 of the file survive
    }

    private static async Task<(int, string)> Short(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);
        return (code, error.Trim());
    }

    [Fact]
    public async Task Columns_map_other_headers_and_link_writes_scored_pairs()
    {
        string[] given = ["Orxan", "Kamran", "Sevda", "Nigar", "Tural", "Aysel", "Elnur", "Günay", "Rəşad", "Lalə"];
        string[] family = ["Quliyev", "Rzayev", "Mirzəyeva", "Əliyeva", "Vəliyev", "Qasımova", "Sadıqov", "Səfərova", "Məmmədov", "Mehdiyeva"];
        string Filler(string prefix, int seed) => string.Join("\n", Enumerable.Range(0, 60).Select(i =>
            $"{prefix}{i},{given[(i * 7 + seed) % 10]},{family[(i * 3 + seed) % 10]},{1950 + ((i * 13 + seed) % 50)}-{1 + (i % 12):D2}-{1 + ((i * 5 + seed) % 28):D2}"));
        var left = File("left.csv", "rec,first,last,dob\nL1,Leyla,Hüseynova,1990-03-04\n" + Filler("LF", 1) + "\n");
        var right = File("right.csv", "rec,first,last,dob\nR1,Лейла,Гусейнова,04.03.1990\n" + Filler("RF", 5) + "\n");
        var output = Path.Combine(_dir, "pairs.csv");
        var (code, _, error) = await RunAsync("link", "--left", left, "--right", right, "--out", output, "--columns", "id=rec,given_name=first,surname=last,date_of_birth=dob");
        Assert.True(code == 0, error);
        var rows = System.IO.File.ReadAllLines(output);
        Assert.Equal("left_id,right_id,score", rows[0]);
        Assert.Contains(rows, r => r.StartsWith("L1,R1,", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.StartsWith("L1,", StringComparison.Ordinal) && !r.StartsWith("L1,R1,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agency_encodes_and_the_coordinator_links_encodings_only()
    {
        var key = Path.Combine(_dir, "key");
        await System.IO.File.WriteAllBytesAsync(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var input = File("people.csv", People);
        var clks = Path.Combine(_dir, "clks.csv");
        Assert.Equal(0, (await RunAsync("encode", "--in", input, "--out", clks, "--key-file", key)).Code);
        var encoded = await System.IO.File.ReadAllTextAsync(clks);
        Assert.StartsWith("id,clk", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain("Aynur", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain("AZE1234567", encoded, StringComparison.Ordinal);

        var output = Path.Combine(_dir, "clusters.csv");
        var (code, _, error) = await RunAsync("dedupe", "--in", clks, "--out", output, "--privacy", "clk");
        Assert.True(code == 0, error);
        var cluster = System.IO.File.ReadAllLines(output).Skip(1).Select(r => r.Split(',')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(4, cluster.Count);
        Assert.NotEqual(cluster["1"], cluster["4"]);
        var shortKey = File("short.key", "too short");
        Assert.Equal(1, (await RunAsync("encode", "--in", input, "--out", clks, "--key-file", shortKey)).Code);
    }
}
