namespace Ariadne.Linkage.Tests;

/// <summary>Issue 9 item 11: every CSV the linkage command writes is neutralised, quoted and UTF-8 with a BOM.</summary>
public sealed class CsvWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ariadne-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("  =1", "'  =1")]
    [InlineData("＝1", "'＝1")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("Məmmədova, Алиева", "\"Məmmədova, Алиева\"")]
    [InlineData("A-1", "A-1")]
    [InlineData("", "")]
    public void Fields_are_neutralised_and_quoted(string value, string expected) => Assert.Equal(expected, CsvWriter.Field(value));

    [Fact]
    public async Task Linkage_output_neutralises_formula_ids_starts_with_a_bom_and_keeps_azerbaijani_and_russian()
    {
        string[] ids = ["+cmd", "-2+3", "@SUM(A1)", "\t=1", "Əli-Алиев"];
        var input = Path.Combine(_dir, "people.csv");
        // The input itself carries a BOM, as Excel writes it: the reader takes it in its stride.
        await File.WriteAllTextAsync(input, "id,given_name,surname,date_of_birth\r\n"
            + string.Join("\r\n", ids.Select((id, i) => $"\"{id}\",Aynur{i},Məmmədova{i},19{70 + (i * 7)}-0{1 + i}-1{i}")) + "\r\n", CsvWriter.Utf8WithBom);
        var output = Path.Combine(_dir, "clusters.csv");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.True(await LinkageCommand.RunAsync(["dedupe", "--in", input, "--out", output], stdout, stderr) == 0, stderr.ToString());

        var bytes = await File.ReadAllBytesAsync(output);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = new System.Text.UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("id,cluster_id", lines[0]);
        Assert.Contains("'+cmd,'+cmd", lines);
        Assert.Contains("'-2+3,'-2+3", lines);
        Assert.Contains("'@SUM(A1),'@SUM(A1)", lines);
        Assert.Contains("'=1,'=1", lines); // the reader trims the tab; what is left is still a formula
        Assert.Contains("Əli-Алиев,Əli-Алиев", lines);
        Assert.DoesNotContain(lines.Skip(1), l => l.Length > 0 && !l.StartsWith('\'') && !l.StartsWith('Ə'));
    }
}
