using System.Globalization;
using System.Text;

namespace Ariadne.Linkage.Tests;

/// <summary>
/// Azerbaijani people written the way different agencies write them (Azerbaijani Latin, Russian
/// Cyrillic, English/ICAO passport, Russian-English), with noise, siblings and namesakes, and known truth.
/// </summary>
public sealed class NameVariantTests
{
    private const string ReportFile = "/tmp/name-variants.txt";

    [Fact]
    public void Azerbaijani_people_written_by_four_agencies_are_deduplicated_with_high_precision_and_recall()
    {
        var set = AgencyRecords.Generate(seed: 19_940_530, people: 600);
        var records = set.Records.Select(r => r.Record).ToList();
        var result = Linker.Dedupe(records);
        var prepared = Linker.Prepare(records);
        var candidates = Blocking.Dedupe(prepared, Blocking.Default).Select(p => (Math.Min(p.Left, p.Right), Math.Max(p.Left, p.Right))).ToHashSet();

        long truePairs = 0, predictedPairs = 0, correct = 0;
        var falseNegatives = new List<(int A, int B)>();
        var falsePositives = new List<(int A, int B)>();
        var byAgencies = new SortedDictionary<string, (int Pairs, int Found)>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            for (var j = i + 1; j < records.Count; j++)
            {
                bool same = set.Records[i].Person == set.Records[j].Person, together = result.ClusterOf[i] == result.ClusterOf[j];
                truePairs += same ? 1 : 0;
                predictedPairs += together ? 1 : 0;
                correct += same && together ? 1 : 0;
                if (same)
                {
                    var key = AgencyPair(set.Records[i].Agency, set.Records[j].Agency);
                    var (pairs, found) = byAgencies.GetValueOrDefault(key);
                    byAgencies[key] = (pairs + 1, found + (together ? 1 : 0));
                }
                if (same && !together)
                    falseNegatives.Add((i, j));
                else if (!same && together)
                    falsePositives.Add((i, j));
            }
        }
        double precision = predictedPairs == 0 ? 0 : (double)correct / predictedPairs, recall = truePairs == 0 ? 1 : (double)correct / truePairs;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Name variants dedupe: precision {precision:F4} recall {recall:F4} F1 {f1:F4}");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{set.People.Count} true people, {records.Count} records, {truePairs} true pairs, {predictedPairs} predicted pairs, {correct} correct; "
            + $"{result.CandidatePairs} candidate pairs, {result.Matches.Count} matched pairs, lambda {result.Model.Lambda:G3}");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"hard negatives: {set.People.Count(p => p.Family >= 0)} people in {set.People.Where(p => p.Family >= 0).Select(p => p.Family).Distinct().Count()} sibling groups, "
            + $"{set.People.Count(p => p.Namesakes >= 0)} people in {set.People.Where(p => p.Namesakes >= 0).Select(p => p.Namesakes).Distinct().Count()} namesake groups");
        var sameName = set.People.GroupBy(p => (p.Given, p.Surname, p.Female)).Where(g => g.Count() > 1).ToList();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"people sharing their given name and surname with someone else: {sameName.Sum(g => g.Count())} in {sameName.Count} names (largest {sameName.Max(g => g.Count())})");
        report.AppendLine("model (m / u by level):");
        for (var f = 0; f < result.Model.Fields.Count; f++)
            report.Append(CultureInfo.InvariantCulture, $"  {result.Model.Fields[f].Name,-16} ").AppendLine(string.Join("; ", result.Model.Fields[f].Levels.Select((level, l) => string.Create(CultureInfo.InvariantCulture,
                    $"{level} {result.Model.M[f][l]:F3} / {result.Model.U[f][l]:F3}"))));
        report.AppendLine("recall by agency pair (found / true pairs):");
        foreach (var (key, (pairs, found)) in byAgencies)
            report.AppendLine(CultureInfo.InvariantCulture, $"  {key,-34} {found,5} / {pairs,-5} {(double)found / pairs:F3}");

        report.AppendLine(CultureInfo.InvariantCulture, $"false negatives: {falseNegatives.Count} pairs");
        report.AppendLine(CultureInfo.InvariantCulture, $"  not a candidate pair (blocking): {falseNegatives.Count(p => !candidates.Contains(p))}");
        foreach (var group in falseNegatives.GroupBy(p => NoiseOf(set, p)).OrderByDescending(g => g.Count()))
            report.AppendLine(CultureInfo.InvariantCulture, $"  noise {group.Key,-40} {group.Count()}");
        foreach (var group in falseNegatives.GroupBy(p => AgencyPair(set.Records[p.A].Agency, set.Records[p.B].Agency)).OrderByDescending(g => g.Count()))
            report.AppendLine(CultureInfo.InvariantCulture, $"  agencies {group.Key,-37} {group.Count()}");

        report.AppendLine(CultureInfo.InvariantCulture, $"false positives: {falsePositives.Count} pairs");
        foreach (var group in falsePositives.GroupBy(p => Relation(set, p)).OrderByDescending(g => g.Count()))
            report.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key,-40} {group.Count()}");

        // A sample of each kind of error, with the model's score of the pair itself (a pair can be parted or joined through others).
        report.AppendLine("first records generated:");
        foreach (var g in set.Records.Take(16))
            report.AppendLine(CultureInfo.InvariantCulture, $"  p{g.Person} {Show(g)}");
        report.AppendLine("sample of false negatives:");
        foreach (var (a, b) in Sample(falseNegatives, 40))
            report.AppendLine(Describe(set, prepared, result.Model, candidates, a, b));
        report.AppendLine("sample of false positives:");
        foreach (var (a, b) in Sample(falsePositives, 30))
            report.AppendLine(Describe(set, prepared, result.Model, candidates, a, b));

        var text = report.ToString();
        File.WriteAllText(ReportFile, text);
        TestContext.Current.SendDiagnosticMessage(text[..text.IndexOf("first records generated:", StringComparison.Ordinal)].TrimEnd());

        Assert.True(precision >= PrecisionBar, $"precision {precision:F4} (recall {recall:F4}, F1 {f1:F4}); see {ReportFile}");
        Assert.True(recall >= RecallBar, $"recall {recall:F4} (precision {precision:F4}, F1 {f1:F4}); see {ReportFile}");
    }

    // The targets are precision 0.95 and recall 0.90. Measured with blocking on both names in either order
    // plus the birth year: precision 0.999, recall 0.890. With names compared on several keys, records without a
    // birth date meeting their namesakes, and clustering that does not chain (issue 12): precision 0.960, recall
    // 0.968; the false pairs left are mostly a record without a birth date joined to a namesake.
    private const double PrecisionBar = 0.95;
    private const double RecallBar = 0.95;

    [Theory]
    // Azerbaijani Latin (a register) against Russian Cyrillic (a Russian-speaking clerk).
    [InlineData("Məmməd", "Məmmədov", "Əli oğlu", "M", "14.03.1985", "Мамед", "Мамедов", "Алиевич", "М", "14.03.1985")]
    [InlineData("Leyla", "Əliyeva", "Həsən qızı", "F", "02.07.1990", "Лейла", "Алиева", "Гасановна", "Ж", "02.07.1990")]
    [InlineData("Tural", "Hüseynov", "Rauf oğlu", "M", "21.11.1979", "Турал", "Гусейнов", "Рауфович", "М", "21.11.1979")]
    [InlineData("Günay", "Qasımova", "Tofiq qızı", "F", "09.01.1996", "Гюнай", "Касимова", "Тофиковна", "Ж", "09.01.1996")]
    [InlineData("Elçin", "Cəfərov", "Vüqar oğlu", "M", "30.05.1968", "Эльчин", "Джафаров", "Вугарович", "М", "30.05.1968")]
    [InlineData("Şahin", "Xəlilov", "Məmməd oğlu", "M", "17.08.2001", "Шахин", "Халилов", "Мамедович", "М", "17.08.2001")]
    [InlineData("Nərmin", "İsmayılova", "Kamran qızı", "F", "25.12.1987", "Нармин", "Исмаилова", "Камрановна", "Ж", "25.12.1987")]
    [InlineData("Aynur", "Hüseynzadə", "Çingiz qızı", "F", "03.04.1975", "Айнур", "Гусейнзаде", "Чингиз кызы", "Ж", "03.04.1975")]
    // English/ICAO passport against Russian Cyrillic, and Russian-English against Azerbaijani Latin.
    [InlineData("Khayal", "Jafarov", "Ali oglu", "M", "1993-06-11", "Хаял", "Джафаров", "Алиевич", "М", "11.06.1993")]
    [InlineData("Sabina", "Gasimova", "", "F", "1982-10-19", "Сабина", "Касимова", "Гусейновна", "Ж", "19.10.1982")]
    [InlineData("Kamran", "Guseynov", "Gasanovich", "M", "08/02/1971", "Kamran", "Hüseynov", "Həsən oğlu", "M", "08.02.1971")]
    public void The_same_person_written_in_two_alphabets_is_linked(string leftGiven, string leftSurname, string leftPatronymic, string leftSex, string leftBirth,
        string rightGiven, string rightSurname, string rightPatronymic, string rightSex, string rightBirth)
    {
        // A background of other people, written cleanly by the two agencies, so that the model has something to learn from.
        var background = AgencyRecords.Generate(seed: 7, people: 150).People;
        var left = background.Select((p, i) => AgencyRecords.Render(p, Agency.AzLatin, $"L{i}", noise: null)).ToList();
        var right = background.Select((p, i) => AgencyRecords.Render(p, Agency.RussianCyrillic, $"R{i}", noise: null)).ToList();
        left.Insert(61, new PersonRecord("probe-left", leftGiven, leftSurname, NullIfEmpty(leftPatronymic), leftSex, leftBirth, "AZE"));
        right.Insert(17, new PersonRecord("probe-right", rightGiven, rightSurname, NullIfEmpty(rightPatronymic), rightSex, rightBirth, "AZE"));

        var result = Linker.Link(left, right);

        var match = result.Matches.SingleOrDefault(m => m.Left == 61);
        Assert.True(match is not null && match.Right == 17,
            $"{leftGiven} {leftSurname} is linked to {(match is null ? "nobody" : right[match.Right].GivenName + " " + right[match.Right].Surname)}; "
            + $"P = {match?.Probability:F3}");
        Assert.True(result.Matches.Count(m => left[m.Left].Id[1..] == right[m.Right].Id[1..]) >= 145, "the background people are linked too");
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string AgencyPair(Agency a, Agency b) => a <= b ? $"{a}–{b}" : $"{b}–{a}";

    private static string NoiseOf(AgencyDataSet set, (int A, int B) pair)
    {
        var tags = set.Records[pair.A].Noise.Concat(set.Records[pair.B].Noise).Distinct().Order(StringComparer.Ordinal).ToList();
        return tags.Count == 0 ? "none" : string.Join("+", tags);
    }

    private static string Relation(AgencyDataSet set, (int A, int B) pair)
    {
        var a = set.People[set.Records[pair.A].Person];
        var b = set.People[set.Records[pair.B].Person];
        if (a.Family >= 0 && a.Family == b.Family)
            return "siblings";
        if (a.Namesakes >= 0 && a.Namesakes == b.Namesakes)
            return "planted namesakes";
        if (a.Given == b.Given && a.Surname == b.Surname)
            return "chance namesakes";
        return a.Surname == b.Surname ? "same surname" : "other";
    }

    private static IEnumerable<(int A, int B)> Sample(List<(int A, int B)> pairs, int count) =>
        pairs.Count <= count ? pairs : Enumerable.Range(0, count).Select(k => pairs[k * pairs.Count / count]);

    private static string Show(GeneratedRecord g) =>
        $"[{g.Agency}{(g.Noise.Count == 0 ? "" : " " + string.Join("+", g.Noise))}] {g.Record.GivenName} {g.Record.Surname} / {g.Record.Patronymic} / {g.Record.Sex} / {g.Record.DateOfBirth}"
        + (g.Record.DocumentNumber is null ? "" : " / " + g.Record.DocumentNumber) + (g.Record.Phone is null ? "" : " / " + g.Record.Phone);

    private static string Describe(AgencyDataSet set, IReadOnlyList<PreparedRecord> prepared, FellegiSunterModel model, HashSet<(int, int)> candidates, int a, int b)
    {
        var line = $"  p{set.Records[a].Person} {Show(set.Records[a])}{Environment.NewLine}  p{set.Records[b].Person} {Show(set.Records[b])}{Environment.NewLine}    ";
        if (!candidates.Contains((a, b)))
            return line + "not a candidate pair";
        var score = model.Score(a, b, prepared[a], prepared[b], FellegiSunterModel.Pattern(model.Fields, prepared[a], prepared[b]), explain: true);
        return line + string.Create(CultureInfo.InvariantCulture, $"P = {score.Probability:F3}: ")
            + string.Join(", ", score.Evidence.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Field} {e.Level} {e.Weight:+0.0;-0.0}")));
    }
}

/// <summary>How an agency writes people.</summary>
internal enum Agency
{
    /// <summary>Azerbaijani Latin as is (a civil register).</summary>
    AzLatin,
    /// <summary>Russian Cyrillic by a Russian-speaking clerk: Мамедов, Гусейнов, patronymic as Алиевич / Алиевна.</summary>
    RussianCyrillic,
    /// <summary>English / ICAO passport transliteration: Mammadov, Huseynov, Gasimova, Jafarov.</summary>
    Passport,
    /// <summary>Russian-English (the Russian form romanised): Mamedov, Guseynov, Kasimova, Dzhafarov.</summary>
    RussianEnglish,
}

/// <summary>A true person. Surname and father's name are kept in Azerbaijani Latin (surname in its masculine form).</summary>
internal sealed record TruePerson(int Number, string Given, string Surname, string Father, bool Female, DateOnly Birth, string? Document, string? Phone,
    int Family, int Namesakes);

/// <summary>One record as an agency wrote it, with the true person and the noise added.</summary>
internal sealed record GeneratedRecord(PersonRecord Record, int Person, Agency Agency, IReadOnlyList<string> Noise);

internal sealed record AgencyDataSet(IReadOnlyList<TruePerson> People, IReadOnlyList<GeneratedRecord> Records);

/// <summary>A deterministic generator of Azerbaijani people and the records that agencies make of them.</summary>
internal static class AgencyRecords
{
    private static readonly string[] MaleNames =
    [
        "Elnur", "Rəşad", "Tural", "Orxan", "Kamran", "Elvin", "Vüsal", "Fərid", "Murad", "Rauf", "Zaur", "Samir", "Tofiq", "Elçin", "Cavid",
        "Xəyal", "Şahin", "Çingiz", "Yusif", "Əli", "Məmməd", "Hüseyn", "Həsən", "Qasım", "Anar", "Nicat", "Ramil", "Vüqar", "İlham", "Rövşən",
        "Fuad", "Emin", "Kənan", "Ceyhun", "Namiq", "Elşən", "Nurlan", "Rüstəm", "Teymur", "Mahir",
    ];

    private static readonly string[] FemaleNames =
    [
        "Aynur", "Leyla", "Nigar", "Günay", "Səbinə", "Aysel", "Nərmin", "Könül", "Sevda", "Lalə", "Gülnar", "Sevinc", "Aytən", "Ülviyyə",
        "Fidan", "Günel", "Xədicə", "Zəhra", "Şəbnəm", "Arzu", "Vüsalə", "Təranə", "Elmira", "Rəna", "Nərgiz", "Aygün", "Samirə", "Məlahət",
    ];

    // Masculine forms, most common first (the draw favours the first: a few surnames cover much of Azerbaijan).
    private static readonly string[] Surnames =
    [
        "Məmmədov", "Əliyev", "Hüseynov", "Həsənov", "Quliyev", "İsmayılov", "Qasımov", "Cəfərov", "Xəlilov", "Rzayev", "Abbasov", "Babayev",
        "Mirzəyev", "Nəbiyev", "Kazımov", "Vəliyev", "Sadıqov", "Orucov", "Məmmədli", "Hüseynzadə", "Əhmədov", "Bayramov", "Səfərov", "Nəsirov",
        "Süleymanov", "Kərimov", "Rəhimov", "Allahverdiyev", "Qurbanov", "Salmanov", "Hacıyev", "Paşayev", "Əsədov", "Musayev", "Novruzov",
        "Zeynalov", "Mehdiyev",
    ];

    // How a Russian-speaking clerk writes the names the letter map below gets wrong.
    private static readonly Dictionary<string, string> Russian = new(StringComparer.Ordinal)
    {
        ["Elnur"] = "Эльнур",
        ["Elvin"] = "Эльвин",
        ["Elçin"] = "Эльчин",
        ["Elşən"] = "Эльшан",
        ["Elmira"] = "Эльмира",
        ["Tofiq"] = "Тофик",
        ["Məmməd"] = "Мамед",
        ["Hüseyn"] = "Гусейн",
        ["Həsən"] = "Гасан",
        ["Qasım"] = "Касым",
        ["Vüqar"] = "Вугар",
        ["İlham"] = "Ильхам",
        ["Rövşən"] = "Ровшан",
        ["Kənan"] = "Кенан",
        ["Namiq"] = "Намик",
        ["Ramil"] = "Рамиль",
        ["Rüstəm"] = "Рустам",
        ["Aysel"] = "Айсель",
        ["Könül"] = "Кёнуль",
        ["Gülnar"] = "Гюльнар",
        ["Aytən"] = "Айтен",
        ["Ülviyyə"] = "Ульвия",
        ["Günel"] = "Гюнель",
        ["Rəna"] = "Рена",
        ["Nigar"] = "Нигяр",
        ["Məmmədov"] = "Мамедов",
        ["Hüseynov"] = "Гусейнов",
        ["Həsənov"] = "Гасанов",
        ["Quliyev"] = "Кулиев",
        ["Qasımov"] = "Касимов",
        ["İsmayılov"] = "Исмаилов",
        ["Kazımov"] = "Кязимов",
        ["Vəliyev"] = "Велиев",
        ["Sadıqov"] = "Садыхов",
        ["Orucov"] = "Оруджев",
        ["Məmmədli"] = "Мамедли",
        ["Hüseynzadə"] = "Гусейнзаде",
        ["Əhmədov"] = "Ахмедов",
        ["Süleymanov"] = "Сулейманов",
        ["Kərimov"] = "Керимов",
        ["Rəhimov"] = "Рагимов",
        ["Qurbanov"] = "Курбанов",
        ["Hacıyev"] = "Гаджиев",
        ["Mehdiyev"] = "Мехтиев",
    };

    private const string AzerbaijaniLetters = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz";
    private const string RussianLetters = "абвгдеийклмнопрстуфхчшыэюя";
    private const string EnglishLetters = "abcdefghijklmnoprstuvyz";

    /// <summary>Generates <paramref name="people"/> true people (with sibling groups and namesakes) and 1–4 records of each.</summary>
    public static AgencyDataSet Generate(int seed, int people)
    {
        var random = new Random(seed);
        var persons = new List<TruePerson>();
        var seen = new HashSet<(string, string, string, DateOnly)>();

        void Add(string given, string surname, string father, bool female, DateOnly birth, int family, int namesakes)
        {
            var document = random.NextDouble() < 0.6 ? "AZE" + random.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture) : null;
            var phone = random.NextDouble() < 0.7
                ? (new[] { "50", "55", "70", "51", "77" })[random.Next(5)] + random.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture)
                : null;
            persons.Add(new TruePerson(persons.Count, given, surname, father, female, birth, document, phone, family, namesakes));
        }

        // Siblings: same surname and father, different given names, birth years close together.
        for (var family = 0; family < 60 && persons.Count < people; family++)
        {
            var surname = Pick(random, Surnames);
            var father = Pick(random, MaleNames);
            var year = random.Next(1950, 2004);
            var given = new HashSet<string>(StringComparer.Ordinal);
            for (int child = 0, children = random.Next(2, 4); child < children; child++)
            {
                var female = random.Next(2) == 0;
                string name;
                do
                    name = Pick(random, female ? FemaleNames : MaleNames);
                while (name == father || !given.Add(name));
                var birth = RandomDay(random, Math.Min(2010, year));
                if (seen.Add((name, surname, father, birth)))
                    Add(name, surname, father, female, birth, family, -1);
                year += random.Next(1, 5);
            }
        }

        // Namesakes: the same common name, another father and another birth date.
        for (var group = 0; group < 30 && persons.Count < people; group++)
        {
            var female = random.Next(2) == 0;
            var given = Pick(random, female ? FemaleNames : MaleNames, common: 8);
            var surname = Pick(random, Surnames, common: 6);
            for (int k = 0, size = random.Next(2, 4); k < size; k++)
            {
                var father = Pick(random, MaleNames);
                var birth = RandomDay(random, random.Next(1950, 2011));
                if (seen.Add((given, surname, father, birth)))
                    Add(given, surname, father, female, birth, -1, group);
            }
        }

        while (persons.Count < people)
        {
            var female = random.Next(2) == 0;
            var given = Pick(random, female ? FemaleNames : MaleNames);
            var surname = Pick(random, Surnames);
            var father = Pick(random, MaleNames);
            var birth = RandomDay(random, random.Next(1950, 2011));
            if (seen.Add((given, surname, father, birth)))
                Add(given, surname, father, female, birth, -1, -1);
        }

        var records = new List<GeneratedRecord>();
        foreach (var person in persons)
        {
            var roll = random.NextDouble();
            var count = roll < 0.3 ? 1 : roll < 0.65 ? 2 : roll < 0.85 ? 3 : 4;
            for (var k = 0; k < count; k++)
            {
                var agency = (Agency)random.Next(4);
                var noise = new List<string>();
                var record = Render(person, agency, $"r{records.Count:D4}", (random, noise));
                records.Add(new GeneratedRecord(record, person.Number, agency, noise));
            }
        }

        return new AgencyDataSet(persons, records);
    }

    /// <summary>
    /// The record <paramref name="agency"/> makes of <paramref name="person"/>: clean and without document or phone
    /// when <paramref name="noise"/> is null, else with the noise drawn from its random source and tagged in its list.
    /// </summary>
    public static PersonRecord Render(TruePerson person, Agency agency, string id, (Random Random, List<string> Tags)? noise)
    {
        var surname = person.Female ? Feminine(person.Surname) : person.Surname;
        var given = Write(person.Given, agency);
        var family = agency == Agency.AzLatin ? surname : Feminine(Write(person.Surname, agency), person.Female);
        // Some Russian-speaking clerks keep the Azerbaijani form (Али оглы) instead of the Russian one (Алиевич).
        var keepsOglu = noise is { } clerk && clerk.Random.NextDouble() < 0.3;
        string patronymic = agency switch
        {
            Agency.AzLatin => $"{person.Father} {(person.Female ? "qızı" : "oğlu")}",
            Agency.RussianCyrillic => keepsOglu
                ? $"{ToRussian(person.Father)} {(person.Female ? "кызы" : "оглы")}"
                : RussianPatronymic(ToRussian(person.Father), person.Female),
            Agency.Passport => $"{ToPassport(person.Father)} {(person.Female ? "gizi" : "oglu")}",
            _ => keepsOglu
                ? $"{ToEnglish(ToRussian(person.Father))} {(person.Female ? "kyzy" : "ogly")}"
                : ToEnglish(RussianPatronymic(ToRussian(person.Father), person.Female)),
        };
        var sex = agency switch
        {
            Agency.AzLatin => person.Female ? "QADIN" : "KİŞİ",
            Agency.RussianCyrillic => person.Female ? "Ж" : "М",
            _ => person.Female ? "F" : "M",
        };
        var (day, month, year) = (person.Birth.Day, person.Birth.Month, person.Birth.Year);
        string? document = null, phone = null;
        var dateMissing = false;

        if (noise is { } n)
        {
            var random = n.Random;
            if (random.NextDouble() < 0.08)
            {
                if (random.Next(2) == 0)
                    given = Typo(random, given, agency);
                else
                    family = Typo(random, family, agency);
                n.Tags.Add("typo");
            }
            if (random.NextDouble() < 0.05)
            {
                (given, family) = (family, given);
                n.Tags.Add("names swapped");
            }
            if (random.NextDouble() < (agency == Agency.Passport ? 0.5 : 0.15))
            {
                patronymic = "";
                n.Tags.Add("no patronymic");
            }
            var dateRoll = random.NextDouble();
            if (dateRoll < 0.05)
            {
                dateMissing = true;
                n.Tags.Add("no date");
            }
            else if (dateRoll < 0.09 && day != month)
            {
                (day, month) = (month, day);
                n.Tags.Add("day/month swapped");
            }
            if (person.Document is { } doc && random.NextDouble() < 0.3)
            {
                document = doc;
                if (random.NextDouble() < 0.1)
                {
                    var position = random.Next(3, doc.Length);
                    var digit = (char)('0' + ((doc[position] - '0' + random.Next(1, 10)) % 10));
                    document = doc[..position] + digit + doc[(position + 1)..];
                    n.Tags.Add("document digit");
                }
            }
            if (person.Phone is { } p && random.NextDouble() < 0.25)
            {
                phone = agency switch
                {
                    Agency.AzLatin => $"0{p[..2]} {p[2..5]} {p[5..7]} {p[7..]}",
                    Agency.RussianCyrillic => $"8 (0{p[..2]}) {p[2..5]}-{p[5..7]}-{p[7..]}",
                    Agency.Passport => $"+994{p}",
                    _ => $"+994 {p[..2]} {p[2..5]} {p[5..7]} {p[7..]}",
                };
            }
        }

        var date = dateMissing ? null : agency switch
        {
            Agency.Passport => $"{year:D4}-{month:D2}-{day:D2}",
            Agency.RussianEnglish => $"{day:D2}/{month:D2}/{year:D4}",
            _ => $"{day:D2}.{month:D2}.{year:D4}",
        };
        return new PersonRecord(id, given, family, patronymic.Length == 0 ? null : patronymic, sex, date, "AZE", document, phone);
    }

    private static string Write(string azerbaijani, Agency agency) => agency switch
    {
        Agency.AzLatin => azerbaijani,
        Agency.RussianCyrillic => ToRussian(azerbaijani),
        Agency.Passport => ToPassport(azerbaijani),
        _ => ToEnglish(ToRussian(azerbaijani)),
    };

    private static string Feminine(string masculine) =>
        masculine.EndsWith("ov", StringComparison.Ordinal) || masculine.EndsWith("ev", StringComparison.Ordinal) ? masculine + "a" : masculine;

    // The feminine of a surname already written in some alphabet (Мамедов → Мамедова, Mammadov → Mammadova; -li, -zadə unchanged).
    private static string Feminine(string written, bool female) =>
        !female ? written
        : written.EndsWith("ов", StringComparison.Ordinal) || written.EndsWith("ев", StringComparison.Ordinal) ? written + "а"
        : Feminine(written);

    // Алиевич, Мамедович, Рамилевич; Алиевна, Мамедовна.
    private static string RussianPatronymic(string father, bool female)
    {
        var (stem, soft) = father[^1] switch
        {
            'и' => (father, true),
            'ь' or 'й' => (father[..^1], true),
            _ => (father, false),
        };
        return stem + (soft ? "ев" : "ов") + (female ? "на" : "ич");
    }

    /// <summary>Azerbaijani Latin as a Russian-speaking clerk writes it: the table, else letter by letter.</summary>
    public static string ToRussian(string azerbaijani)
    {
        if (Russian.TryGetValue(azerbaijani, out var known))
            return known;
        var lower = Lower(azerbaijani);
        var builder = new StringBuilder();
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            var next = i + 1 < lower.Length ? lower[i + 1] : '\0';
            if (c == 'y' && next is 'a' or 'ə' or 'u' or 'ü' or 'e')
            {
                builder.Append(next switch { 'a' or 'ə' => "я", 'u' or 'ü' => "ю", _ => "е" });
                i++;
                continue;
            }
            builder.Append(c switch
            {
                'a' or 'ə' => "а",
                'b' => "б",
                'c' => "дж",
                'ç' => "ч",
                'd' => "д",
                'e' => i == 0 ? "э" : "е",
                'f' => "ф",
                'g' or 'ğ' or 'q' => "г",
                'h' or 'x' => "х",
                'ı' => "ы",
                'i' => "и",
                'j' => "ж",
                'k' => "к",
                'l' => "л",
                'm' => "м",
                'n' => "н",
                'o' => "о",
                'ö' => "ё",
                'p' => "п",
                'r' => "р",
                's' => "с",
                'ş' => "ш",
                't' => "т",
                'u' => "у",
                'ü' => "ю",
                'v' => "в",
                'y' => "й",
                'z' => "з",
                _ => c.ToString(),
            });
        }
        return Capitalize(builder.ToString());
    }

    /// <summary>The English / ICAO passport transliteration of Azerbaijani Latin.</summary>
    public static string ToPassport(string azerbaijani)
    {
        var builder = new StringBuilder();
        foreach (var c in Lower(azerbaijani))
        {
            builder.Append(c switch
            {
                'ə' => "a",
                'ç' => "ch",
                'ş' => "sh",
                'x' => "kh",
                'q' => "g",
                'c' => "j",
                'ğ' => "gh",
                'ı' => "i",
                'ö' => "o",
                'ü' => "u",
                'j' => "zh",
                _ => c.ToString(),
            });
        }
        return Capitalize(builder.ToString());
    }

    /// <summary>Russian Cyrillic romanised the Russian-English way (Мамедов → Mamedov, Алиев → Aliev, Джафаров → Dzhafarov).</summary>
    public static string ToEnglish(string russian)
    {
        var builder = new StringBuilder();
        foreach (var c in russian.ToLowerInvariant())
        {
            builder.Append(c switch
            {
                'а' => "a",
                'б' => "b",
                'в' => "v",
                'г' => "g",
                'д' => "d",
                'е' or 'э' => "e",
                'ё' => "yo",
                'ж' => "zh",
                'з' => "z",
                'и' => "i",
                'й' or 'ы' => "y",
                'к' => "k",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'о' => "o",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' => "u",
                'ф' => "f",
                'х' => "kh",
                'ц' => "ts",
                'ч' => "ch",
                'ш' => "sh",
                'щ' => "shch",
                'ъ' or 'ь' => "",
                'ю' => "yu",
                'я' => "ya",
                _ => c.ToString(),
            });
        }
        return Capitalize(builder.ToString());
    }

    // One letter (not the first) replaced by another of the same alphabet.
    private static string Typo(Random random, string name, Agency agency)
    {
        if (name.Length < 3)
            return name;
        var letters = agency switch
        {
            Agency.AzLatin => AzerbaijaniLetters,
            Agency.RussianCyrillic => RussianLetters,
            _ => EnglishLetters,
        };
        var position = random.Next(1, name.Length);
        char replacement;
        do
            replacement = letters[random.Next(letters.Length)];
        while (replacement == char.ToLowerInvariant(name[position]));
        return string.Concat(name.AsSpan(0, position), replacement.ToString(), name.AsSpan(position + 1));
    }

    private static string Lower(string value) =>
        string.Concat(value.Select(c => c switch { 'İ' => 'i', 'I' => 'ı', _ => char.ToLowerInvariant(c) }));

    private static string Capitalize(string value) =>
        value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];

    // A name drawn with a Zipf-like preference for the first ones (or among the first few only).
    private static string Pick(Random random, string[] names, int common = 0)
    {
        if (common > 0)
            return names[random.Next(Math.Min(common, names.Length))];
        var total = 0.0;
        for (var i = 0; i < names.Length; i++)
            total += Weight(i);
        var roll = random.NextDouble() * total;
        for (var i = 0; i < names.Length; i++)
        {
            roll -= Weight(i);
            if (roll <= 0)
                return names[i];
        }
        return names[^1];

        static double Weight(int rank) => 1 / Math.Pow(rank + 1, 0.8);
    }

    private static DateOnly RandomDay(Random random, int year) => new DateOnly(year, 1, 1).AddDays(random.Next(DateTime.IsLeapYear(year) ? 366 : 365));
}
