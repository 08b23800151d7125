using System.Text;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Exchange;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Cli;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Exchange (issue 17 §4): the CTDC sample imports as reference data with every odd value reported by line and column and
/// counts equal to an independent count made here; broken files never crash the import; the CTDC export is k-anonymous for
/// k = 11 and another k and round-trips through the import; HTCDS export → import into a fresh database → export again
/// gives the same records, pseudonymised, and a second import makes nothing new.
/// </summary>
public abstract class ExchangeTests(AriadneApp app)
{
    internal static string SampleFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "ctdc", "ctdc-global-sample.csv");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"shared/data/ctdc/ctdc-global-sample.csv not found above {AppContext.BaseDirectory}");
    }

    private static Task<T> In<T>(AriadneApp on, Func<IServiceProvider, Task<T>> work) => on.WithScopeAsync(work);

    private static Task<ImportResult> ImportCtdcAsync(AriadneApp on, byte[] file) => In(on, sp => sp.GetRequiredService<CtdcImporter>().ImportAsync(file));

    /// <summary>Runs an exchange verb in the application's own services, as the command line does.</summary>
    private static Task<(int ExitCode, string Message)?> VerbAsync(AriadneApp on, params string[] args) =>
        In(on, sp => sp.GetServices<IOperatorVerb>().Single(v => v.Name == ("exchange", args[0])).RunAsync(sp, args));

    private static Task<List<CtdcReferenceCount>> CountsAsync(AriadneApp on, Guid importId) =>
        In(on, sp => sp.GetRequiredService<AriadneDbContext>().Set<CtdcReferenceCount>().AsNoTracking().Where(c => c.ImportId == importId).ToListAsync());

    private static Task<Guid> ImportIdAsync(AriadneApp on, byte[] file) => In(on, sp =>
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
        return sp.GetRequiredService<AriadneDbContext>().Set<CtdcImport>().Where(i => i.Sha256 == sha).Select(i => i.Id).SingleAsync();
    });

    [Fact]
    public async Task The_CTDC_sample_imports_as_reference_data_with_counts_equal_to_an_independent_count_and_once_only()
    {
        var bytes = await File.ReadAllBytesAsync(SampleFile(), TestContext.Current.CancellationToken);

        // The independent count: the sample has no quoting, so a plain split reads it.
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        string[] genders = ["Female", "Male", "-99"];
        bool Good(string[] r) => r.Length == 63 && (r[Col("yearOfRegistration")] == "-99" || int.TryParse(r[Col("yearOfRegistration")], out _))
            && genders.Contains(r[Col("gender")]);
        var good = rows.Where(Good).ToList();

        var result = await ImportCtdcAsync(app, bytes);
        Assert.False(result.Duplicate);
        Assert.Equal(rows.Count, result.DataRows);
        Assert.Equal(rows.Count, result.Imported + result.Rejected);
        Assert.Equal(good.Count, result.Imported);
        Assert.Equal(rows.Count - good.Count, result.Rejected);

        var counts = await CountsAsync(app, await ImportIdAsync(app, bytes));
        Assert.Equal(result.Imported, counts.Sum(c => c.Count));
        // By year and gender.
        var byYearGender = good.GroupBy(r => (r[Col("yearOfRegistration")], r[Col("gender")])).ToDictionary(g => g.Key, g => g.Count());
        foreach (var ((year, gender), n) in byYearGender)
            Assert.Equal(n, counts.Where(c => c.Year == int.Parse(year, System.Globalization.CultureInfo.InvariantCulture)
                && c.Sex == (gender == "Female" ? "F" : "M")).Sum(c => c.Count));
        // By citizenship, for the three largest (alpha-2 in the file, alpha-3 stored).
        foreach (var (two, three) in new[] { ("UA", "UKR"), ("MD", "MDA"), ("PH", "PHL") })
            Assert.Equal(good.Count(r => r[Col("citizenship")] == two), counts.Where(c => c.Citizenship == three).Sum(c => c.Count));
        // Missing is missing: -99 and the unknown country 00.
        Assert.Equal(good.Count(r => r[Col("CountryOfExploitation")] is "-99" or "00"), counts.Where(c => c.Country == null).Sum(c => c.Count));
        Assert.Equal(good.Count(r => r[Col("ageBroad")] == "9--17"), counts.Where(c => c.AgeBand == "9-17").Sum(c => c.Count));
        Assert.Equal(good.Count(r => r[Col("ageBroad")] == "-99"), counts.Where(c => c.AgeBand == null).Sum(c => c.Count));
        // Exploitation by the flags (combined sexual and labour counts as both).
        Assert.Equal(good.Count(r => r[Col("isForcedLabour")] == "1" || r[Col("isSexAndLabour")] == "1"),
            counts.Where(c => c.Exploitation != null && c.Exploitation.Split(';').Contains("forced-labour")).Sum(c => c.Count));
        Assert.Equal(good.Count(r => r[Col("isSexualExploit")] == "1" || r[Col("isSexAndLabour")] == "1"),
            counts.Where(c => c.Exploitation != null && c.Exploitation.Split(';').Contains("sexual")).Sum(c => c.Count));

        // Every row whose labels disagree with its flags is reported by line and column, and only those.
        string[] flags = ["isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage", "isForcedMilitary", "isOrganRemoval", "isSlaveryAndPractices"];
        string[] labels = ["forced labour", "sexual exploitation", "other", "combined sexual and labour exploitation", "forced marriage", "forced military", "organ removal", "slavery and similar practices"];
        var disagreeing = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var set = Enumerable.Range(0, flags.Length).Where(f => r[Col(flags[f])] == "1").ToHashSet();
            var text = r[Col("typeOfExploitConcatenated")];
            var said = text == "-99" ? [] : text.Split(';').Select(l => Array.IndexOf(labels, l.Trim().ToLowerInvariant())).ToHashSet();
            if (!set.SetEquals(said))
                disagreeing.Add(i + 2);
        }
        Assert.NotEmpty(disagreeing);
        Assert.Equal(disagreeing, result.Problems.Where(p => p.Column == "typeOfExploitConcatenated").Select(p => p.Line).Order());
        Assert.All(result.Problems, p => Assert.Matches(@"^line \d+(, column [A-Za-z]+)?: ", p.ToString()));

        // The same file again: nothing added, said so, audited.
        var again = await VerbAsync(app, "import-ctdc", SampleFile());
        Assert.Equal(0, again!.Value.ExitCode);
        Assert.Contains("already imported", again.Value.Message, StringComparison.Ordinal);
        Assert.Equal(1, await In(app, sp => sp.GetRequiredService<AriadneDbContext>().Set<CtdcImport>().CountAsync(i => i.DataRows == rows.Count && i.Imported == good.Count)));
        Assert.Equal(result.Imported, (await CountsAsync(app, await ImportIdAsync(app, bytes))).Sum(c => c.Count));
        Assert.True(await In(app, sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AnyAsync(e => e.Action == ExchangeAudit.CtdcImported.Code
            && e.Purpose == ExchangeAudit.AlreadyImported.Code)));
    }

    [Fact]
    public async Task Broken_CTDC_files_never_crash_the_import_and_each_odd_value_is_named_by_line_and_column()
    {
        var sample = (await File.ReadAllTextAsync(SampleFile(), TestContext.Current.CancellationToken)).Split('\n');
        var header = sample[0];
        var good = sample[1].Split(',');
        string With(string column, string value)
        {
            var r = (string[])good.Clone();
            r[Array.IndexOf(header.Split(','), column)] = value;
            return string.Join(',', r);
        }
        string[] data =
        [
            string.Join(',', good),                                     // 2: good
            With("yearOfRegistration", "20x6"),                          // 3: not a year
            string.Join(',', good.Skip(1)),                             // 4: 62 columns
            With("RecruiterRelationship", "\"Friend/Acquaintance, Other\""), // 5: a quoted field with a comma: good
            With("gender", "Femme"),                                     // 6: not a gender
            With("RecruiterRelationship", "\"unclosed"),                // 7: a quote never closed
            With("citizenship", "ZZ"),                                   // 8: not a country
            "",                                                          // 9: an empty line inside the file
            With("citizenship", "00"),                                   // 10: the unknown country: missing, good
            "2017" + string.Join(',', good)[4..].Replace(",1,", ",7,", StringComparison.Ordinal), // 11: a flag out of range
        ];
        // A BOM and CRLF line ends.
        var text = "\uFEFF" + header + "\r\n" + string.Join("\r\n", data) + "\r\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        var result = await ImportCtdcAsync(app, bytes);
        Assert.False(result.Refused);
        Assert.Equal(data.Length, result.DataRows);
        Assert.Equal(data.Length, result.Imported + result.Rejected);
        var rejectedLines = result.Problems.Where(p => p.Rejects).Select(p => p.Line).Distinct().Order().ToList();
        Assert.Equal(result.Rejected, rejectedLines.Count);
        Assert.Equal([3, 4, 6, 7, 8, 9], rejectedLines.Where(l => l != 11));
        Assert.Contains(result.Problems, p => p is { Line: 3, Column: "yearOfRegistration", Rejects: true });
        Assert.Contains(result.Problems, p => p is { Line: 6, Column: "gender", Rejects: true });
        Assert.Contains(result.Problems, p => p is { Line: 8, Column: "citizenship", Rejects: true });
        Assert.Contains(result.Problems, p => p.Line == 4 && p.What.Contains("62 columns", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Line == 11 && p.Column != null && p.Column.StartsWith("is", StringComparison.Ordinal));
        // No value of the file is echoed in a report.
        Assert.All(result.Problems, p => Assert.DoesNotContain("Femme", p.ToString(), StringComparison.Ordinal));
        var counts = await CountsAsync(app, await ImportIdAsync(app, bytes));
        Assert.Equal(result.Imported, counts.Sum(c => c.Count));
        Assert.Equal(1, counts.Where(c => c.Citizenship == null).Sum(c => c.Count));

        // An empty file and a header-only file: no crash, nothing imported.
        var dir = Directory.CreateTempSubdirectory("ctdc-");
        try
        {
            var empty = Path.Combine(dir.FullName, "empty.csv");
            await File.WriteAllBytesAsync(empty, [], TestContext.Current.CancellationToken);
            var none = await VerbAsync(app, "import-ctdc", empty);
            Assert.Equal((1, "imported 0, rejected 0"), none!.Value);
            var headerOnly = Path.Combine(dir.FullName, "header.csv");
            await File.WriteAllTextAsync(headerOnly, header + "\n" + "\n", TestContext.Current.CancellationToken);
            Assert.Equal((0, "imported 0, rejected 0"), (await VerbAsync(app, "import-ctdc", headerOnly))!.Value);
            // Another file's header: every row rejected, the missing columns named.
            var other = await ImportCtdcAsync(app, Encoding.UTF8.GetBytes("a,b,c\n1,2,3\n4,5,6\n"));
            Assert.True(other.Refused);
            Assert.Equal((0, 2), (other.Imported, other.Rejected));
            Assert.Contains(other.Problems, p => p is { Line: 1, Column: "yearOfRegistration" });

            // The command line (Program's steps, CommandLine): the odd values on standard error, the tally on standard output.
            var crafted = Path.Combine(dir.FullName, "crafted.csv");
            await File.WriteAllTextAsync(crafted, header + "\n" + string.Join('\n', data.Take(4)).Replace("2002,", "2003,", StringComparison.Ordinal) + "\n",
                TestContext.Current.CancellationToken);
            var (code, output) = await AuditTrailTests.RunAsync(app, "exchange", "import-ctdc", crafted);
            Assert.True(code == 0, output);
            Assert.Contains("imported 2, rejected 2", output.Split('\n').Select(l => l.TrimEnd('\r')));
            Assert.Contains("line 3, column yearOfRegistration: not a year; row rejected", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>A fact of a victim, as the statistics' projection makes it.</summary>
    private static StatFact Victim(int year, string? sex, string? band, string? citizenship, string? country, string? form, string stage = "identified") => new()
    {
        Subject = StatSubject.Victim,
        Month = new DateOnly(year, 3, 1),
        Sex = sex,
        AgeBand = band,
        Citizenship = citizenship,
        Country = country,
        Exploitation = form,
        Stage = stage,
        RecordKey = Random.Shared.NextInt64(0, uint.MaxValue),
    };

    /// <summary>Reads a CTDC file back plainly and groups its records by the quasi-identifiers.</summary>
    private static Dictionary<string, int> Classes(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        string[] qi = ["yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship", "CountryOfExploitation",
            "typeOfExploitConcatenated", "isForcedLabour", "isSexualExploit", "isOtherExploit", "isForcedMarriage", "isSlaveryAndPractices"];
        var at = qi.Select(c => Array.IndexOf(header, c)).ToArray();
        Assert.DoesNotContain(-1, at);
        return lines.Skip(1).Select(l => l.Split(',')).Select(r => { Assert.Equal(63, r.Length); return string.Join('|', at.Select(i => r[i])); })
            .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
    }

    [Fact]
    public async Task The_CTDC_export_is_k_anonymous_for_k_11_and_another_k_and_round_trips_through_the_import()
    {
        await using var own = new AriadneApp(app.Provider);
        await own.InitializeAsync();
        var random = new Random(20261205);
        string?[] sexes = ["F", "M", "X", null];
        string?[] bands = [.. StatCodes.AgeBands, null];
        string?[] countries = ["AZE", "RUS", "TUR", "UKR", "ARE", null];
        string?[] forms = ["sexual", "forced-labour", "begging", "forced-marriage", null];
        var facts = new List<StatFact>();
        for (var i = 0; i < 60; i++)
            facts.Add(Victim(2025, "F", "18-20", "AZE", "TUR", "sexual")); // one large class, released as it is
        for (var i = 0; i < 400; i++)
            facts.Add(Victim(2023 + random.Next(3), sexes[random.Next(sexes.Length)], bands[random.Next(bands.Length)],
                countries[random.Next(3)], countries[random.Next(countries.Length)], forms[random.Next(forms.Length)], random.Next(4) == 0 ? "presumed" : "identified"));
        for (var i = 0; i < 25; i++)
            facts.Add(Victim(2025, "M", "30-38", "AZE", "RUS", "forced-labour", "not-victim")); // never exported
        facts.Add(new StatFact { Subject = StatSubject.Referral, Month = new DateOnly(2025, 1, 1), Stage = "identified", RecordKey = 1 }); // not a victim fact
        await In(own, async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            db.Set<StatFact>().AddRange(facts);
            return await db.SaveChangesAsync();
        });
        var victims = facts.Count(f => f.Subject == StatSubject.Victim && f.Stage is "identified" or "presumed");

        var dir = Directory.CreateTempSubdirectory("ctdc-out-");
        try
        {
            foreach (var k in new[] { 11, 4 })
            {
                var path = Path.Combine(dir.FullName, $"ctdc-k{k}.csv");
                string[] args = k == 11 ? ["export-ctdc", "--out", path] : ["export-ctdc", "--out", path, "--k", "4"];
                var (code, message) = (await VerbAsync(own, args))!.Value;
                Assert.Equal(0, code);
                var m = System.Text.RegularExpressions.Regex.Match(message, @"^exported (\d+) of (\d+) records, k=(\d+), suppressed (\d+)$");
                Assert.True(m.Success, message);
                int exported = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                    records = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                    suppressed = int.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(victims, records);
                Assert.Equal(k, int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(records, exported + suppressed);
                Assert.Equal(File.ReadLines(SampleFile()).First(), File.ReadLines(path).First());

                // Every combination of quasi-identifiers in the file occurs at least k times.
                var classes = Classes(path);
                Assert.Equal(exported, classes.Values.Sum());
                Assert.All(classes, c => Assert.True(c.Value >= k, $"a class of {c.Value} < k={k}"));
                // The large class is released without generalisation.
                Assert.True(classes.GetValueOrDefault("2025|Female|18--20|Adult|AZ|TR|Sexual exploitation|0|1|0|0|0") >= 60);

                // The export round-trips through the import: its counts are what the file says.
                var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
                var imported = await ImportCtdcAsync(own, bytes);
                Assert.Equal((exported, 0), (imported.Imported, imported.Rejected));
                Assert.DoesNotContain(imported.Problems, p => p.Rejects);
                var counts = await CountsAsync(own, await ImportIdAsync(own, bytes));
                var lines = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();
                foreach (var g in lines.GroupBy(r => (r[0], r[2])))
                    Assert.Equal(g.Count(), counts.Where(c => (c.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-99") == g.Key.Item1
                        && (c.Sex switch { "F" => "Female", "M" => "Male", _ => "-99" }) == g.Key.Item2).Sum(c => c.Count));
                foreach (var g in lines.GroupBy(r => r[7]))
                    Assert.Equal(g.Count(), counts.Where(c => (IsoCountries.Alpha2(c.Citizenship) ?? "-99") == g.Key).Sum(c => c.Count));
            }
            // --year keeps one year's facts.
            var yearPath = Path.Combine(dir.FullName, "ctdc-2024.csv");
            var (_, yearMessage) = (await VerbAsync(own, "export-ctdc", "--out", yearPath, "--year", "2024"))!.Value;
            Assert.Contains($"of {facts.Count(f => f.Subject == StatSubject.Victim && f.Stage is "identified" or "presumed" && f.Month.Year == 2024)} records", yearMessage, StringComparison.Ordinal);
            Assert.All(File.ReadLines(yearPath).Skip(1), l => Assert.True(l.StartsWith("2024,", StringComparison.Ordinal) || l.StartsWith("-99,", StringComparison.Ordinal)));
            Assert.Equal(3, await In(own, sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.CountAsync(e => e.Action == ExchangeAudit.CtdcExported.Code)));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public async Task HTCDS_export_then_import_into_a_fresh_database_then_export_gives_the_same_records()
    {
        await using var source = new AriadneApp(app.Provider);
        await source.InitializeAsync();
        await using var target = new AriadneApp(app.Provider);
        await target.InitializeAsync();

        // Cases of the source: opened, one identified by a decision, one closed with its outcome.
        var (investigator, first) = await source.NewCaseAsync(CaseSteps.SampleInput("a"));
        var inv = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        var second = await In(source, sp => sp.GetRequiredService<CaseService>().CreateAsync(inv, new CaseInput
        {
            GivenName = "Rəşad",
            FamilyName = "Əliyev",
            DateOfBirth = "2010-02-03",
            Sex = "male",
            Citizenship = "UKR",
            DocumentNumber = "UA5512345",
            Situation = "Bazarda dilənçiliyə məcbur edilib",
        }));
        await In(source, sp => sp.GetRequiredService<CaseService>().CreateAsync(inv, new CaseInput { GivenName = "Nurlan", Sex = "other" }));
        Assert.Empty((await In(source, sp => sp.GetRequiredService<IdentificationService>().DecideAsync(inv, first.Id,
            new() { Status = TraffickingStatus.Actual, DecidedOn = DateOnly.FromDateTime(source.Time.GetUtcNow().UtcDateTime), Rationale = "Müsahibə və sənədlər." })))!);
        Assert.Equal(CaseService.UpdateOutcome.Updated, await In(source, sp => sp.GetRequiredService<CaseService>().UpdateAsync(inv, second.Id,
            new CaseInput { Status = CaseStatus.Closed, ClosureOutcome = CaseClosureOutcome.Repatriated })));
        var code = await In(source, sp => sp.GetRequiredService<AriadneDbContext>().Institutions.Where(i => i.Id == investigator.InstitutionId).Select(i => i.Code).SingleAsync());

        var dir = Directory.CreateTempSubdirectory("htcds-");
        try
        {
            // Two more came from a partner's HTCDS file, with what a case has no field for (exploitation, who identified).
            var partner = Path.Combine(dir.FullName, "partner.csv");
            await File.WriteAllTextAsync(partner, string.Join(',', HtcdsFormat.Columns) + "\n"
                + "HT-partner-0001,FollowUp,,Female,1995,MD,false,Actual,Ngo,2024,SexualExploitation;ForcedLabour\n"
                + "HT-partner-0002,ClosedReferred,TransferredToOtherOrganisation,Unknown,,,true,Possible,,,ForcedBegging\n"
                + "HT-partner-0003,Opened,,Female,1995,MD,false,Actual,,,\n"                  // not a case status
                + "HT-partner-0004,Active,,Woman,19x5,XY,maybe,Actual,Army,2024,Theft\n"        // six odd fields
                + "HT-partner-0005,Active,,Female\n", TestContext.Current.CancellationToken);   // too few fields
            var (partnerCode, partnerMessage) = (await VerbAsync(source, "import-htcds", partner, "--institution", code))!.Value;
            Assert.Equal((0, "imported 2, rejected 3"), (partnerCode, partnerMessage));
            var partnerResult = await In(source, async sp =>
            {
                var importer = sp.GetRequiredService<HtcdsImporter>();
                var who = await importer.TargetAsync(code, null);
                return await importer.ImportAsync(who.Viewer, await File.ReadAllBytesAsync(partner));
            });
            Assert.Equal((0, 3, 2), (partnerResult.Imported, partnerResult.Rejected, partnerResult.AlreadyKnown));
            Assert.Contains(partnerResult.Problems, p => p is { Line: 4, Column: "cas_Status" });
            Assert.Equal(["prs_BirthYear", "prs_Gender", "prs_Nationality", "vic_IdentifiedBy", "vic_IsMinor", "vic_TypeOfExploitation"],
                partnerResult.Problems.Where(p => p.Line == 5).Select(p => p.Column!).Order(StringComparer.Ordinal));
            Assert.Contains(partnerResult.Problems, p => p.Line == 6 && p.Column == null);

            var exportA = Path.Combine(dir.FullName, "a.csv");
            Assert.Equal((0, "exported 5 cases (HTCDS, pseudonymised)"), (await VerbAsync(source, "export-htcds", "--out", exportA))!.Value);
            var a = await File.ReadAllTextAsync(exportA, TestContext.Current.CancellationToken);
            // Pseudonymised: no name, document, phone, address, free text, exact date of birth or case number.
            var numbers = await In(source, sp => sp.GetRequiredService<AriadneDbContext>().Cases.Select(c => c.Number).ToListAsync());
            foreach (var secret in (string[])["Zülfiyyə", "Qəmbərova", "Rəşad", "Əliyev", "Nurlan", "UA5512345", "887766", "+994", "Nizami", "Otel", "Astma", "dilənçiliyə", "1998-04-12", "2010-02-03", .. numbers])
                Assert.DoesNotContain(secret, a, StringComparison.Ordinal);
            var rowsA = a.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(6, rowsA.Length);
            Assert.Contains(rowsA, r => r.StartsWith("HT-partner-0001,FollowUp,,Female,1995,MD,false,Actual,Ngo,2024,ForcedLabour;SexualExploitation", StringComparison.Ordinal));
            Assert.Contains(rowsA, r => r.EndsWith(",Female,1998,AZ,false,Actual,Police,2026,", StringComparison.Ordinal));
            Assert.Contains(rowsA, r => r.Contains(",Closed,Repatriated,Male,2010,UA,true,Possible,,,", StringComparison.Ordinal));
            Assert.Equal(1, await In(source, sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.CountAsync(e => e.Action == ExchangeAudit.HtcdsExported.Code)));

            // Into a fresh database, under its institution.
            var receiver = await target.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator]);
            var targetCode = await In(target, sp => sp.GetRequiredService<AriadneDbContext>().Institutions.Where(i => i.Id == receiver.InstitutionId).Select(i => i.Code).SingleAsync());
            Assert.Equal((0, "imported 5, rejected 0"), (await VerbAsync(target, "import-htcds", exportA, "--institution", targetCode))!.Value);
            Assert.Equal((0, "imported 0, rejected 0"), (await VerbAsync(target, "import-htcds", exportA, "--institution", targetCode))!.Value);
            Assert.Equal(5, await In(target, sp => sp.GetRequiredService<AriadneDbContext>().Cases.CountAsync()));
            Assert.Equal(5, await In(target, sp => sp.GetRequiredService<AriadneDbContext>().Cases.CountAsync(c => c.ResponsibleInstitutionId == receiver.InstitutionId)));
            Assert.Equal(5, await In(target, sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.CountAsync(e => e.Action == ExchangeAudit.HtcdsImported.Code)));
            Assert.Equal(5, await In(target, sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.CountAsync(e => e.Action == CasesAudit.CaseCreated.Code)));
            // The receiver's case worker reads an imported case through the case service (encrypted as any case).
            var someCase = await In(target, sp => sp.GetRequiredService<AriadneDbContext>().Cases.Select(c => c.Id).FirstAsync());
            Assert.NotNull(await In(target, sp => sp.GetRequiredService<CaseService>().ReadAsync(CaseSteps.ViewerOf(receiver, RoleCatalog.Investigator), someCase, CasesAudit.View)));
            Assert.Equal((1, "exchange import-htcds: no institution has that code"), (await VerbAsync(target, "import-htcds", exportA, "--institution", "NO-SUCH"))!.Value);

            var exportB = Path.Combine(dir.FullName, "b.csv");
            Assert.Equal(0, (await VerbAsync(target, "export-htcds", "--out", exportB))!.Value.ExitCode);
            Assert.Equal(a, await File.ReadAllTextAsync(exportB, TestContext.Current.CancellationToken));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class ExchangeTestsOnPostgres(PostgresApp app) : ExchangeTests(app), IClassFixture<PostgresApp>;
