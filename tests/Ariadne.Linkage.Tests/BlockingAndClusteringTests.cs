namespace Ariadne.Linkage.Tests;

/// <summary>No silent drops in blocking; clustering that does not chain; names compared on several keys at once.</summary>
public sealed class BlockingAndClusteringTests
{
    [Fact]
    public void Twenty_thousand_records_of_one_person_find_candidate_pairs_bounded_by_the_window()
    {
        var records = Enumerable.Range(0, 20_000)
            .Select(i => new PersonRecord($"r{i}", "Aynur", "Məmmədova", "Əli qızı", "F", "1990-01-02"))
            .ToList();
        var (pairs, report) = Blocking.DedupeWithReport(Linker.Prepare(records), Blocking.Default);

        Assert.NotEmpty(pairs);
        // Every record is compared with its neighbours in the block no key could split, and with no more.
        Assert.True(pairs.Length <= 20_000L * Blocking.Window, $"{pairs.Length:N0} pairs");
        Assert.Equal(0, report.WithoutPair);
        Assert.True(report.SplitBlocks > 0);
        Assert.Equal(20_000, report.WindowedRecords);
        Assert.Equal(pairs.Length, pairs.Select(p => (p.Left, p.Right)).Distinct().Count()); // each pair once
        Assert.All(pairs, p => Assert.True(p.Left < p.Right));
    }

    [Fact]
    public void An_oversized_block_is_split_by_further_keys_and_keeps_its_pairs()
    {
        // 600 people born the same day with the same surname: the birth+surname block is over 250 and is split by given name.
        var records = Enumerable.Range(0, 600)
            .Select(i => new PersonRecord($"r{i}", "Name" + (char)('a' + (i % 26)) + (char)('a' + (i / 26 % 26)), "Əliyev", null, "M", "1990-01-02"))
            .Append(new PersonRecord("twin", "Nameaa", "Aliev", null, "M", "02.01.1990"))
            .ToList();
        var (pairs, report) = Blocking.DedupeWithReport(Linker.Prepare(records), Blocking.Default);
        Assert.True(report.SplitBlocks > 0);
        Assert.Contains(pairs, p => p.Left == 0 && p.Right == 600); // Nameaa Əliyev and Nameaa Aliev still meet
        Assert.True(pairs.Length < 600 * 599 / 2 / 10, $"{pairs.Length:N0} pairs");
    }

    [Fact]
    public void Records_without_a_pair_are_counted_with_their_reason()
    {
        var records = new List<PersonRecord>
        {
            new("1", "Aynur", "Məmmədova", DateOfBirth: "1990-01-02"),
            new("2", "Айнур", "Мамедова", DateOfBirth: "02.01.1990"),
            new("3", "Rauf", null), // nothing to block on
            new("4", "Kamran", "Quliyev", DateOfBirth: "1970-05-06"), // nobody like him
        };
        var (pairs, report) = Blocking.DedupeWithReport(Linker.Prepare(records), Blocking.Default);
        Assert.Single(pairs);
        Assert.Equal(1, report.WithoutKey);
        Assert.Equal(1, report.SharingNoKey);
        Assert.Equal(2, report.WithoutPair);
        Assert.Contains("2 of 4 records reached no candidate pair: 1 have no blocking key", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_without_a_birth_date_meets_its_namesakes_and_dated_records_do_not_meet_by_name_alone()
    {
        var records = new List<PersonRecord>
        {
            new("1", "Aynur", "Məmmədova", DateOfBirth: "1990-01-02"),
            new("2", "AYNUR", "MAMMADOVA"),
            new("3", "Айнур", "Мамедова", DateOfBirth: "1971-08-09"),
        };
        var pairs = Blocking.Dedupe(Linker.Prepare(records), Blocking.Default).Select(p => (p.Left, p.Right)).ToHashSet();
        Assert.Contains((0, 1), pairs);
        Assert.Contains((1, 2), pairs);
        Assert.DoesNotContain((0, 2), pairs); // two dated namesakes born 19 years apart
    }

    [Fact]
    public void One_false_link_does_not_chain_two_people_into_one()
    {
        // Person A: 0, 1, 2 (all matched with each other); person B: 3, 4 (matched). One false link 2–3.
        (int, int, double)[] matches = [(0, 1, 20), (0, 2, 19), (1, 2, 18), (3, 4, 20), (2, 3, 9)];
        var cluster = Clustering.Cluster(5, matches);
        Assert.Equal(cluster[0], cluster[1]);
        Assert.Equal(cluster[0], cluster[2]);
        Assert.Equal(cluster[3], cluster[4]);
        Assert.NotEqual(cluster[0], cluster[3]);
        // Transitive closure would have made one person of them: the same links with a chain of singletons does.
        var chain = Clustering.Cluster(4, [(0, 1, 10), (1, 2, 10), (2, 3, 10)]);
        Assert.Equal(2, chain.Distinct().Count());
    }

    [Fact]
    public void A_cluster_of_one_person_whose_records_mostly_match_stays_whole()
    {
        // Four records; 0–3 missed (a typo on top of a change of alphabet), every other pair matched.
        var cluster = Clustering.Cluster(4, [(0, 1, 20), (1, 2, 19), (2, 3, 18), (0, 2, 17), (1, 3, 16)]);
        Assert.Single(cluster.Distinct());
        Assert.Equal(0, cluster[3]); // named by the smallest index
    }

    [Fact]
    public void Cluster_statistics_warn_on_a_cluster_far_above_the_expected_size()
    {
        var clusterOf = Enumerable.Range(0, 200).Select(i => i < 40 ? 0 : i - (i % 2)).ToList(); // one cluster of 40, the rest pairs
        var statistics = ClusterStatistics.Of(clusterOf);
        Assert.Equal(40, statistics.Largest);
        Assert.Equal(1, statistics.Outsized);
        Assert.Contains("warning: 1 cluster(s) above", statistics.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("warning", ClusterStatistics.Of(clusterOf.Select((c, i) => i < 40 ? i - (i % 2) : c).ToList()).Describe(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string, string> CrossAlphabet => new()
    {
        // given, surname, other given, other surname, the least level of both names
        { "Hüseynova", "Günay", "Гусейнова", "Гюнай", "same stem or swapped" },
        { "Hüseynova", "Günay", "HUESEYNOVA", "GUENAY", "same stem or swapped" }, // ICAO 9303 with OE/UE
        { "Hüseynova", "Günay", "Gusejnova", "Gyunaj", "same stem or swapped" }, // GOST 7.79
        { "Hüseynova", "Günay", "Guseinova", "Giunai", "same stem or swapped" }, // Russian passport 2010
        { "Məmmədov", "Elnur", "Мамедова", "Эльнур", "same stem or swapped" }, // a gendered ending alone is no disagreement
        { "Hüseynova", "Günay", "Гусейнава", "Гюнай", "one slip apart" }, // a typo on top of the change of alphabet
        { "Cəfərov", "Tural", "Dzhafarof", "Tural", "one slip apart" },
        { "Quliyeva", "Nərmin", "Kulieva", "Narmin", "same stem or swapped" },
    };

    [Theory]
    [MemberData(nameof(CrossAlphabet))]
    public void Names_in_two_alphabets_with_one_more_difference_still_agree(string surname, string given, string otherSurname, string otherGiven, string least)
    {
        var a = new PreparedRecord(new PersonRecord("a", given, surname));
        var b = new PreparedRecord(new PersonRecord("b", otherGiven, otherSurname));
        var levels = Comparisons.Default[1].Levels;
        var rank = Array.IndexOf(levels, least);
        Assert.True(rank > 0);
        Assert.True(Comparisons.Default[0].Level(a, b) >= rank, $"given {levels[Math.Max(0, Comparisons.Default[0].Level(a, b))]}");
        Assert.True(Comparisons.Default[1].Level(a, b) >= rank, $"surname {levels[Math.Max(0, Comparisons.Default[1].Level(a, b))]}");
    }

    [Fact]
    public void Different_names_and_a_missing_patronymic_are_not_agreement_and_not_disagreement()
    {
        var aliyev = new PreparedRecord(new PersonRecord("a", "Leyla", "Əliyeva", "Əli qızı"));
        var valiyev = new PreparedRecord(new PersonRecord("b", "Lalə", "Vəliyeva"));
        Assert.True(Comparisons.Default[0].Level(aliyev, valiyev) <= 2); // one sound apart, not the same name
        Assert.True(Comparisons.Default[1].Level(aliyev, valiyev) <= 1); // another first letter: not a slip
        Assert.Equal(ComparisonField.Missing, Comparisons.Default[2].Level(aliyev, valiyev));
        var russian = new PreparedRecord(new PersonRecord("c", "Лейла", "Алиева", "Алиевна"));
        Assert.Equal(2, Comparisons.Default[2].Level(aliyev, russian)); // Əli qızı = Алиевна
    }

    [Fact]
    public void A_missing_value_is_a_level_of_its_own_with_a_neutral_weight()
    {
        var set = Testing.CrossAlphabetRegister.Generate(seed: 5, people: 400);
        var result = Linker.Dedupe(set.Records.Select(r => r.Record).ToList());
        var model = result.Model;
        for (var f = 0; f < model.Fields.Count; f++)
        {
            Assert.Equal(model.Fields[f].Levels.Length + 1, model.M[f].Length);
            Assert.Equal(model.M[f][^1], model.U[f][^1], 12); // Bayes factor 1, as Splink's null level
        }
        // A pair that lacks fields scores as if they were not there: the fields compared explain the whole weight.
        var prepared = Linker.Prepare([new PersonRecord("a", "Aynur", "Məmmədova", DateOfBirth: "1990-01-02"), new PersonRecord("b", "Айнур", "Мамедова", DateOfBirth: "02.01.1990")]);
        var score = model.Score(0, 1, prepared[0], prepared[1], FellegiSunterModel.Pattern(model.Fields, prepared[0], prepared[1]), true);
        Assert.Equal(3, score.Evidence.Count);
        Assert.Equal(score.MatchWeight, score.Evidence.Sum(e => e.Weight), 1);
    }
}

/// <summary>The search the duty desk and the Squad run (one probe against the people they may see), as the product uses it.</summary>
public sealed class CandidateSearchTests
{
    private static List<PersonRecord> Population() =>
    [
        new("0", "Aynur", "Məmmədova", "Əli qızı", "female", "1998-04-12"),
        .. Enumerable.Range(0, 8).Select(i => new PersonRecord($"{i + 1}", "Person" + i, "Quliyeva", DateOfBirth: $"19{70 + i}-0{1 + (i % 9)}-1{i}")),
    ];

    [Fact]
    public void The_same_person_in_Cyrillic_is_the_first_candidate_with_name_and_birth_date_agreeing()
    {
        var found = Linker.Candidates(new PersonRecord("probe", "Айнур", "Мамедова", "Алиевна", DateOfBirth: "1998-04-12"), Population(), 0.0);
        Assert.NotEmpty(found);
        var best = found[0];
        Assert.Equal(0, best.Right);
        string? Level(string field) => best.Evidence.FirstOrDefault(e => e.Field == field)?.Level;
        Assert.DoesNotContain(Level("given_name"), new[] { null, "different", "similar" });
        Assert.DoesNotContain(Level("surname"), new[] { null, "different", "similar" });
        Assert.Equal("same", Level("date_of_birth"));
    }

    [Fact]
    public void A_search_by_name_alone_finds_the_person_and_leaves_the_birth_date_out_of_the_explanation()
    {
        var found = Linker.Candidates(new PersonRecord("probe", "AYNUR", "MAMMADOVA"), Population(), 0.0);
        Assert.NotEmpty(found);
        var best = found[0];
        Assert.Equal(0, best.Right);
        Assert.DoesNotContain(best.Evidence, e => e.Field == "date_of_birth");
    }
}

/// <summary>Values registers write in more than one way.</summary>
public sealed class RegisterValueTests
{
    [Theory]
    [InlineData("14.02.85", 19850214)]
    [InlineData("03/11/07", 20071103)]
    [InlineData("1985-02-14", 19850214)]
    [InlineData("14.02.1985", 19850214)]
    [InlineData("14.2.985", 0)]
    public void Birth_dates_are_read_with_two_or_four_digit_years(string value, int expected) =>
        Assert.Equal(expected, Similarity.ParseDate(value));

    [Theory]
    [InlineData("kişi", 'M')]
    [InlineData("KİŞİ", 'M')]
    [InlineData("qadın", 'F')]
    [InlineData("Ж", 'F')]
    [InlineData("муж", 'M')]
    [InlineData("female", 'F')]
    [InlineData("?", '\0')]
    public void Sex_is_read_in_Azerbaijani_Russian_and_English(string value, char expected) =>
        Assert.Equal(expected, new PreparedRecord(new PersonRecord("a", Sex: value)).Sex);
}

/// <summary>Every name of the generated register in every writing, against its Azerbaijani Latin form.</summary>
public sealed class TransliterationSystemTests
{
    public static TheoryData<string> Writings => new(["Russian Cyrillic", "English passport", "ICAO 9303 (OE/UE)", "ICAO 9303 (O/U)", "BGN/PCGN", "GOST 7.79 B", "Russian passport 2010", "keyboard without Azerbaijani letters"]);

    private static string Write(string writing, string az) => writing switch
    {
        "Russian Cyrillic" => Testing.CrossAlphabetRegister.ToRussian(az),
        "English passport" => Testing.CrossAlphabetRegister.ToEnglish(az),
        "ICAO 9303 (OE/UE)" => Testing.CrossAlphabetRegister.ToIcao(az, true).ToUpperInvariant(),
        "ICAO 9303 (O/U)" => Testing.CrossAlphabetRegister.ToIcao(az, false).ToUpperInvariant(),
        "BGN/PCGN" => Testing.CrossAlphabetRegister.ToBgn(Testing.CrossAlphabetRegister.ToRussian(az)),
        "GOST 7.79 B" => Testing.CrossAlphabetRegister.ToGost(Testing.CrossAlphabetRegister.ToRussian(az)),
        "Russian passport 2010" => Testing.CrossAlphabetRegister.ToRussianPassport(Testing.CrossAlphabetRegister.ToRussian(az)),
        _ => az.Replace('ə', 'e').Replace('ı', 'i').Replace('ş', 's').Replace('ç', 'c').Replace('ğ', 'g').Replace('ö', 'o').Replace('ü', 'u').Replace('İ', 'I').Replace('Ş', 'S').Replace('Ç', 'C').Replace('Ö', 'O').Replace('Ü', 'U').Replace('Ə', 'E'),
    };

    [Theory]
    [MemberData(nameof(Writings))]
    public void Names_in_any_writing_agree_with_their_Azerbaijani_form(string writing)
    {
        var given = Comparisons.Default[0];
        var surname = Comparisons.Default[1];
        var same = 0;
        var total = 0;
        var far = new List<string>();
        foreach (var (name, isSurname) in Testing.CrossAlphabetRegister.MaleNames.Concat(Testing.CrossAlphabetRegister.FemaleNames).Select(n => (n, false))
            .Concat(Testing.CrossAlphabetRegister.Surnames.Select(n => (n, true))))
        {
            var a = new PreparedRecord(isSurname ? new PersonRecord("a", Surname: name) : new PersonRecord("a", name));
            var written = Write(writing, name);
            var b = new PreparedRecord(isSurname ? new PersonRecord("b", Surname: written) : new PersonRecord("b", written));
            var level = (isSurname ? surname : given).Level(a, b);
            total++;
            if (level >= 3)
                same++;
            else if (level < 2)
                far.Add($"{name} / {written}");
        }
        TestContext.Current.SendDiagnosticMessage($"{writing}: {same} of {total} at 'same sound' or better; further than one slip: {string.Join(", ", far)}");
        Assert.True(same >= 0.9 * total, $"{writing}: {same} of {total} at 'same sound' or better");
        Assert.True(far.Count <= 0.02 * total, $"{writing}: further than one slip: {string.Join(", ", far)}");
    }
}
