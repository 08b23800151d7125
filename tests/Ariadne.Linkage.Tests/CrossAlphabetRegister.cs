using System.Globalization;
using System.Text;

namespace Ariadne.Linkage.Testing;

/// <summary>The writing systems agencies use for Azerbaijani people.</summary>
internal enum Writing
{
    /// <summary>Azerbaijani Latin as is (a civil register), sometimes typed without the special letters (Memmedov, Huseynov).</summary>
    AzLatin,
    /// <summary>Russian Cyrillic by a Russian-speaking clerk (Мамедов, Гусейнов, Алиевич).</summary>
    RussianCyrillic,
    /// <summary>The English form of Azerbaijani passports and the MFA (Mammadov, Huseynov, Jafarov, Khalilov).</summary>
    English,
    /// <summary>ICAO 9303 machine-readable form of the Azerbaijani Latin, upper case (MAMMADOV, HUESEYNOV, CAFAROV, SAHIN).</summary>
    Icao,
    /// <summary>BGN/PCGN romanisation of the Russian form (Mamedov, Guseynov, Dzhafarov, Yelchin).</summary>
    BgnPcgn,
    /// <summary>GOST 7.79 system B romanisation of the Russian form (Gusejnov, Xalilov, Dzhafarov).</summary>
    Gost,
    /// <summary>Russian passports from 2010: the Russian form romanised (Guseinov, Iusif, Aisel, Ulviia).</summary>
    RussianPassport,
}

/// <summary>A true person. Names in Azerbaijani Latin, surname in its masculine form.</summary>
internal sealed record RegisterPerson(int Number, string Given, string Surname, string Father, bool Female, DateOnly Birth, string? Document, string? Phone,
    string Kind, int Group);

/// <summary>One registration as an agency wrote it, with the true person and what was changed on top of the writing system.</summary>
internal sealed record Registration(PersonRecord Record, int Person, Writing Writing, string? Difference);

internal sealed record RegisterSet(IReadOnlyList<RegisterPerson> People, IReadOnlyList<Registration> Records)
{
    /// <summary>Every pair of records of the same person (i &lt; j).</summary>
    public HashSet<(int, int)> TruePairs()
    {
        var pairs = new HashSet<(int, int)>();
        foreach (var group in Records.Select((r, i) => (r.Person, i)).GroupBy(x => x.Person))
        {
            var members = group.Select(x => x.i).ToList();
            for (var a = 0; a < members.Count; a++)
                for (var b = a + 1; b < members.Count; b++)
                    pairs.Add((members[a], members[b]));
        }
        return pairs;
    }

    /// <summary>Writes the register in the native columns of the <c>linkage</c> command.</summary>
    public void WriteCsv(string path)
    {
        using var writer = CsvWriter.Create(path);
        writer.WriteRow(PeopleCsv.NativeColumns[..^1]);
        foreach (var r in Records.Select(x => x.Record))
            writer.WriteRow(r.Id, r.GivenName, r.Surname, r.Patronymic, r.Sex, r.DateOfBirth, r.Citizenship, r.DocumentNumber, r.Phone);
    }

    /// <summary>Precision, recall and F1 over record pairs of the <c>id,cluster_id</c> file the command wrote.</summary>
    public (double Precision, double Recall, double F1) ScoreFile(string clusters)
    {
        var index = Records.Select((r, i) => (r.Record.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var clusterOf = new int[Records.Count];
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(clusters).Skip(1).Where(l => l.Length > 0))
        {
            var parts = line.Split(',');
            clusterOf[index[parts[0]]] = names.TryGetValue(parts[1], out var c) ? c : names[parts[1]] = names.Count;
        }
        return Score(clusterOf);
    }

    /// <summary>Precision, recall and F1 over record pairs of a clustering.</summary>
    public (double Precision, double Recall, double F1) Score(IReadOnlyList<int> clusterOf)
    {
        long tp = 0, predicted = 0, actual = 0;
        foreach (var cluster in Enumerable.Range(0, Records.Count).GroupBy(i => clusterOf[i]))
        {
            var n = cluster.Count();
            predicted += (long)n * (n - 1) / 2;
            foreach (var same in cluster.GroupBy(i => Records[i].Person))
                tp += (long)same.Count() * (same.Count() - 1) / 2;
        }
        foreach (var person in Records.GroupBy(r => r.Person))
            actual += (long)person.Count() * (person.Count() - 1) / 2;
        double precision = predicted == 0 ? 0 : (double)tp / predicted, recall = actual == 0 ? 1 : (double)tp / actual;
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }
}

/// <summary>
/// A register as several agencies would build it of Azerbaijani people: each person registered 2 to 4 times
/// in mixed alphabets and transliteration systems, 30 % of people with one further difference in one of
/// their registrations (a typo, a missing patronymic, a day/month swap, a missing birth date, a wrong date
/// digit), siblings, cousins named after their grandfather and namesakes as hard negatives, and the
/// missingness of real registers (many registrations hold only the names and a birth date).
/// Deterministic for a seed. Built to look like a register, not to suit any matcher.
/// </summary>
internal static class CrossAlphabetRegister
{
    internal static readonly string[] MaleNames =
    [
        "Elnur", "Rəşad", "Tural", "Orxan", "Kamran", "Elvin", "Vüsal", "Fərid", "Murad", "Rauf", "Zaur", "Samir", "Tofiq", "Elçin", "Cavid",
        "Xəyal", "Şahin", "Çingiz", "Yusif", "Əli", "Məmməd", "Hüseyn", "Həsən", "Qasım", "Anar", "Nicat", "Ramil", "Vüqar", "İlham", "Rövşən",
        "Fuad", "Emin", "Kənan", "Ceyhun", "Namiq", "Elşən", "Nurlan", "Rüstəm", "Teymur", "Mahir", "Əhməd", "Cəlil", "Fikrət", "Elxan", "Ayxan",
        "Səbuhi", "Toğrul", "Ülvi", "Vaqif", "Zakir", "Mübariz", "İbrahim", "Cahid", "Etibar", "Arif", "Nazim", "Oqtay", "Rasim", "Şəmil", "Yaşar",
    ];

    internal static readonly string[] FemaleNames =
    [
        "Aynur", "Leyla", "Nigar", "Günay", "Səbinə", "Aysel", "Nərmin", "Könül", "Sevda", "Lalə", "Gülnar", "Sevinc", "Aytən", "Ülviyyə",
        "Fidan", "Günel", "Xədicə", "Zəhra", "Şəbnəm", "Arzu", "Vüsalə", "Təranə", "Elmira", "Rəna", "Nərgiz", "Aygün", "Samirə", "Məlahət",
        "Jalə", "Yeganə", "Gülnarə", "Aidə", "Nuranə", "Xatirə", "Səadət", "Ülkər", "Mələk", "Çiçək", "Həcər", "İradə", "Kəmalə", "Zərifə",
    ];

    // Masculine forms, most common first (a few surnames cover much of Azerbaijan).
    internal static readonly string[] Surnames =
    [
        "Məmmədov", "Əliyev", "Hüseynov", "Həsənov", "Quliyev", "İsmayılov", "Qasımov", "Cəfərov", "Xəlilov", "Rzayev", "Abbasov", "Babayev",
        "Mirzəyev", "Nəbiyev", "Kazımov", "Vəliyev", "Sadıqov", "Orucov", "Məmmədli", "Hüseynzadə", "Əhmədov", "Bayramov", "Səfərov", "Nəsirov",
        "Süleymanov", "Kərimov", "Rəhimov", "Allahverdiyev", "Qurbanov", "Salmanov", "Hacıyev", "Paşayev", "Əsədov", "Musayev", "Novruzov",
        "Zeynalov", "Mehdiyev", "Şükürov", "Cəbrayılov", "Ağayev", "İbrahimov", "Yusifov", "Tağıyev", "Əsgərov", "Heydərov", "Qafarov",
        "Rüstəmov", "Əzizov", "Hümbətov", "Xəlilli", "Şıxəliyev", "Çələbiyev",
    ];

    // How a Russian-speaking clerk writes the names a letter-by-letter rendering gets wrong.
    private static readonly Dictionary<string, string> Russian = new(StringComparer.Ordinal)
    {
        ["Elnur"] = "Эльнур",
        ["Elvin"] = "Эльвин",
        ["Elçin"] = "Эльчин",
        ["Elşən"] = "Эльшан",
        ["Elmira"] = "Эльмира",
        ["Elxan"] = "Эльхан",
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
        ["Gülnarə"] = "Гюльнара",
        ["Aytən"] = "Айтен",
        ["Ülviyyə"] = "Ульвия",
        ["Günel"] = "Гюнель",
        ["Rəna"] = "Рена",
        ["Nigar"] = "Нигяр",
        ["Jalə"] = "Жале",
        ["Yeganə"] = "Егана",
        ["Əhməd"] = "Ахмед",
        ["Cəlil"] = "Джалиль",
        ["Fikrət"] = "Фикрет",
        ["Səbuhi"] = "Сабухи",
        ["Toğrul"] = "Тогрул",
        ["Ülvi"] = "Ульви",
        ["Vaqif"] = "Вагиф",
        ["Mübariz"] = "Мубариз",
        ["Oqtay"] = "Октай",
        ["Şəmil"] = "Шамиль",
        ["Ülkər"] = "Улькер",
        ["Mələk"] = "Малак",
        ["Həcər"] = "Гаджар",
        ["Kəmalə"] = "Кямаля",
        ["Səadət"] = "Саадат",
        ["Xatirə"] = "Хатира",
        ["Zərifə"] = "Зарифа",
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
        ["Şükürov"] = "Шукюров",
        ["Cəbrayılov"] = "Джабраилов",
        ["Ağayev"] = "Агаев",
        ["Tağıyev"] = "Тагиев",
        ["Əsgərov"] = "Аскеров",
        ["Heydərov"] = "Гейдаров",
        ["Qafarov"] = "Гафаров",
        ["Rüstəmov"] = "Рустамов",
        ["Hümbətov"] = "Гумбатов",
        ["Şıxəliyev"] = "Шихалиев",
        ["Çələbiyev"] = "Челебиев",
        ["Xəlilli"] = "Халилли",
        ["Mirzəyev"] = "Мирзоев",
    };

    /// <summary>Generates <paramref name="people"/> true people and 2–4 registrations of each.</summary>
    /// <param name="seed">The random seed: the same seed gives the same register.</param>
    /// <param name="people">True people.</param>
    /// <param name="registeredOnce">The share of people registered once only (0 for the 2–4 of the tests; real registers have many).</param>
    public static RegisterSet Generate(int seed, int people = 3000, double registeredOnce = 0)
    {
        var random = new Random(seed);
        var persons = new List<RegisterPerson>();
        var groups = 0;

        void Add(string given, string surname, string father, bool female, DateOnly birth, string kind, int group)
        {
            var document = random.NextDouble() < 0.5 ? "AA" + random.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture) : null;
            var phone = random.NextDouble() < 0.5
                ? (new[] { "50", "55", "70", "51", "77", "10", "99" })[random.Next(7)] + random.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture)
                : null;
            persons.Add(new RegisterPerson(persons.Count, given, surname, father, female, birth, document, phone, kind, group));
        }

        // Siblings (same surname and father, another given name, close birth dates; one family in ten has twins).
        while (persons.Count < people * 0.15)
        {
            var group = groups++;
            var surname = Pick(random, Surnames);
            var father = Pick(random, MaleNames);
            var birth = RandomDay(random, random.Next(1955, 2008));
            var twins = random.Next(10) == 0;
            var used = new HashSet<string>(StringComparer.Ordinal) { father };
            for (int child = 0, children = random.Next(2, 5); child < children; child++)
            {
                var female = random.Next(2) == 0;
                string name;
                do
                    name = Pick(random, female ? FemaleNames : MaleNames);
                while (!used.Add(name));
                Add(name, surname, father, female, birth, "sibling", group);
                birth = twins && child == 0 ? birth : birth.AddDays(random.Next(300, 2000));
            }
        }

        // Cousins named after a grandparent: the same given name and surname, another father, birth years close.
        while (persons.Count < people * 0.25)
        {
            var group = groups++;
            var female = random.Next(3) == 0;
            var surname = Pick(random, Surnames);
            var given = Pick(random, female ? FemaleNames : MaleNames);
            var year = random.Next(1955, 2008);
            var fathers = new HashSet<string>(StringComparer.Ordinal) { given };
            for (int k = 0, size = random.Next(2, 4); k < size; k++)
            {
                string father;
                do
                    father = Pick(random, MaleNames);
                while (!fathers.Add(father));
                Add(given, surname, father, female, RandomDay(random, year + random.Next(0, 4)), "cousin", group);
            }
        }

        // Namesakes: a common given name and surname, unrelated (another father, any birth date; sometimes the same year).
        while (persons.Count < people * 0.40)
        {
            var group = groups++;
            var female = random.Next(2) == 0;
            var given = Pick(random, female ? FemaleNames : MaleNames, common: 10);
            var surname = Pick(random, Surnames, common: 8);
            var year = random.Next(1950, 2010);
            for (int k = 0, size = random.Next(2, 5); k < size; k++)
            {
                var birthYear = random.Next(4) == 0 ? year : random.Next(1950, 2010);
                Add(given, surname, Pick(random, MaleNames), female, RandomDay(random, birthYear), "namesake", group);
            }
        }

        while (persons.Count < people)
        {
            var female = random.Next(2) == 0;
            Add(Pick(random, female ? FemaleNames : MaleNames), Pick(random, Surnames), Pick(random, MaleNames), female,
                RandomDay(random, random.Next(1950, 2010)), "other", -1);
        }
        var records = new List<Registration>();
        foreach (var person in persons)
        {
            var roll = random.NextDouble();
            var count = registeredOnce > 0 && random.NextDouble() < registeredOnce ? 1 : roll < 0.45 ? 2 : roll < 0.8 ? 3 : 4;
            // 30 % of people: one of their registrations carries one more difference.
            var changed = random.NextDouble() < 0.30 ? random.Next(count) : -1;
            for (var k = 0; k < count; k++)
            {
                var writing = (Writing)random.Next(7);
                var difference = k == changed ? Differences[random.Next(Differences.Length)] : null;
                var record = Render(person, writing, $"r{records.Count:D5}", random, difference);
                records.Add(new Registration(record, person.Number, writing, difference));
            }
        }
        // Registers are not sorted by person.
        var order = Enumerable.Range(0, records.Count).OrderBy(_ => random.Next()).ToList();
        var shuffled = order.Select((o, i) => records[o] with { Record = records[o].Record with { Id = $"r{i:D5}" } }).ToList();
        return new RegisterSet(persons, shuffled);
    }

    private static readonly string[] Differences = ["typo", "no patronymic", "day/month swapped", "no date", "date digit", "typo"];

    /// <summary>One registration of <paramref name="person"/> in <paramref name="writing"/>, with the fields a register of that kind holds.</summary>
    public static PersonRecord Render(RegisterPerson person, Writing writing, string id, Random random, string? difference)
    {
        var keyboard = writing == Writing.AzLatin && random.NextDouble() < 0.25; // typed without the Azerbaijani letters
        string Name(string az) => writing switch
        {
            Writing.AzLatin => keyboard ? Ascii(az) : az,
            Writing.RussianCyrillic => ToRussian(az),
            Writing.English => ToEnglish(az),
            Writing.Icao => ToIcao(az, random.Next(2) == 0),
            Writing.BgnPcgn => ToBgn(ToRussian(az)),
            Writing.Gost => ToGost(ToRussian(az)),
            _ => ToRussianPassport(ToRussian(az)),
        };
        var given = Name(person.Given);
        var surname = Name(person.Surname);
        if (person.Female)
            surname = Feminine(surname);

        // Patronymic: the Azerbaijani form (Əli oğlu) or, from Russian clerks, mostly the Russian one (Алиевич).
        string? patronymic = null;
        if (random.NextDouble() < 0.6)
        {
            var russianForm = writing is Writing.RussianCyrillic or Writing.BgnPcgn or Writing.Gost or Writing.RussianPassport && random.NextDouble() < 0.7;
            if (russianForm)
            {
                var cyrillic = RussianPatronymic(ToRussian(person.Father), person.Female);
                patronymic = writing switch
                {
                    Writing.RussianCyrillic => cyrillic,
                    Writing.BgnPcgn => ToBgn(cyrillic),
                    Writing.Gost => ToGost(cyrillic),
                    _ => ToRussianPassport(cyrillic),
                };
            }
            else
            {
                var kin = writing switch
                {
                    Writing.AzLatin => person.Female ? "qızı" : "oğlu",
                    Writing.RussianCyrillic => person.Female ? "кызы" : "оглы",
                    Writing.English or Writing.Icao => person.Female ? "gizi" : "oglu",
                    _ => person.Female ? "kyzy" : "ogly",
                };
                patronymic = Name(person.Father) + " " + (writing == Writing.Icao ? kin.ToUpperInvariant() : keyboard ? Ascii(kin) : kin);
            }
        }
        string? sex = random.NextDouble() < 0.6 ? writing switch
        {
            Writing.AzLatin => person.Female ? "qadın" : "kişi",
            Writing.RussianCyrillic => person.Female ? "Ж" : "М",
            _ => person.Female ? "F" : "M",
        } : null;
        // Registers of the kind "names and birth date only" are common: a third of registrations hold nothing else.
        var minimal = random.NextDouble() < 0.35;
        var document = !minimal && person.Document is not null && random.NextDouble() < 0.5 ? person.Document : null;
        var phone = !minimal && person.Phone is not null && random.NextDouble() < 0.4 ? FormatPhone(person.Phone, writing) : null;
        var citizenship = !minimal && random.NextDouble() < 0.5 ? "AZE" : null;
        if (minimal)
        {
            patronymic = random.NextDouble() < 0.5 ? patronymic : null;
            sex = null;
        }

        var (day, month, year) = (person.Birth.Day, person.Birth.Month, person.Birth.Year);
        var dateMissing = false;
        switch (difference)
        {
            case "typo":
                if (random.Next(2) == 0)
                    given = Typo(random, given);
                else
                    surname = Typo(random, surname);
                break;
            case "no patronymic":
                patronymic = null;
                break;
            case "day/month swapped" when day <= 12 && day != month:
                (day, month) = (month, day);
                break;
            case "day/month swapped":
            case "date digit":
                // One digit of the day or of the year mistyped.
                if (random.Next(2) == 0)
                    day = day >= 10 ? (day / 10 * 10) + ((day % 10) + random.Next(1, 9)) % 10 : day + 10;
                else
                    year += random.Next(2) == 0 ? 1 : 10;
                day = Math.Clamp(day, 1, DateTime.DaysInMonth(year, month));
                break;
            case "no date":
                dateMissing = true;
                break;
        }
        var date = dateMissing ? null : writing switch
        {
            Writing.English or Writing.Icao => $"{year:D4}-{month:D2}-{day:D2}",
            Writing.BgnPcgn or Writing.RussianPassport => $"{day:D2}/{month:D2}/{year:D4}",
            _ => $"{day:D2}.{month:D2}.{year:D4}",
        };
        if (writing == Writing.Icao)
        {
            given = given.ToUpperInvariant();
            surname = surname.ToUpperInvariant();
            patronymic = patronymic?.ToUpperInvariant();
        }
        return new PersonRecord(id, given, surname, patronymic, sex, date, citizenship, document, phone);
    }

    private static string FormatPhone(string p, Writing writing) => writing switch
    {
        Writing.AzLatin => $"0{p[..2]} {p[2..5]} {p[5..7]} {p[7..]}",
        Writing.RussianCyrillic => $"8 (0{p[..2]}) {p[2..5]}-{p[5..7]}-{p[7..]}",
        Writing.English or Writing.Icao => $"+994{p}",
        _ => $"+994 {p[..2]} {p[2..5]} {p[5..7]} {p[7..]}",
    };

    // The feminine of a surname in any alphabet: -ov/-ev take -a (Мамедов → Мамедова, MAMMADOV → MAMMADOVA); -li and -zadə stay.
    private static string Feminine(string surname)
    {
        if (surname.EndsWith("ов", StringComparison.Ordinal) || surname.EndsWith("ев", StringComparison.Ordinal))
            return surname + "а";
        if (surname.EndsWith("ov", StringComparison.OrdinalIgnoreCase) || surname.EndsWith("ev", StringComparison.OrdinalIgnoreCase))
            return surname + (char.IsUpper(surname[^1]) ? "A" : "a");
        return surname;
    }

    // Алиевич, Мамедович; Алиевна, Мамедовна.
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

    /// <summary>Azerbaijani Latin as typed on a keyboard without its letters: Məmmədov → Memmedov, Hüseynov → Huseynov, Şahin → Sahin.</summary>
    private static string Ascii(string az)
    {
        var builder = new StringBuilder();
        foreach (var c in az)
        {
            builder.Append(c switch
            {
                'ə' => 'e',
                'Ə' => 'E',
                'ı' => 'i',
                'İ' => 'I',
                'ş' => 's',
                'Ş' => 'S',
                'ç' => 'c',
                'Ç' => 'C',
                'ğ' => 'g',
                'ö' => 'o',
                'Ö' => 'O',
                'ü' => 'u',
                'Ü' => 'U',
                _ => c,
            });
        }
        return builder.ToString();
    }

    /// <summary>Azerbaijani Latin as a Russian-speaking clerk writes it: the table, else letter by letter.</summary>
    public static string ToRussian(string az)
    {
        if (Russian.TryGetValue(az, out var known))
            return known;
        var lower = Lower(az);
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

    /// <summary>The English form of Azerbaijani passports (ə → a, x → kh, q → g, c → j, ş → sh, ç → ch, ğ → gh).</summary>
    public static string ToEnglish(string az) => Capitalize(Map(Lower(az), c => c switch
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
        _ => null,
    }));

    /// <summary>ICAO 9303 for the Azerbaijani Latin: letters without their marks (Ç → C, Ş → S, Ğ → G, Ə → A), Ö and Ü as OE and UE or O and U.</summary>
    public static string ToIcao(string az, bool umlautsAsE) => Capitalize(Map(Lower(az), c => c switch
    {
        'ə' => "a",
        'ç' => "c",
        'ş' => "s",
        'ğ' => "g",
        'ı' => "i",
        'ö' => umlautsAsE ? "oe" : "o",
        'ü' => umlautsAsE ? "ue" : "u",
        _ => null,
    }));

    /// <summary>BGN/PCGN romanisation of Russian (е → ye at the start and after vowels, й → y, х → kh, ц → ts, ю → yu, я → ya).</summary>
    public static string ToBgn(string russian)
    {
        var lower = russian.ToLowerInvariant();
        var builder = new StringBuilder();
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            var afterVowel = i == 0 || "аеёиоуыэюяьъй".Contains(lower[i - 1], StringComparison.Ordinal);
            builder.Append(c switch
            {
                'е' => afterVowel ? "ye" : "e",
                'ё' => afterVowel ? "yë" : "ë",
                _ => RussianLetter(c, "y", "kh", "ts", "yu", "ya", "y", "e", "", "'"),
            });
        }
        return Capitalize(builder.ToString());
    }

    /// <summary>GOST 7.79 system B (й → j, х → x, ц → cz, ы → y', э → e', ь → ').</summary>
    public static string ToGost(string russian) =>
        Capitalize(Map(russian.ToLowerInvariant(), c => c switch { 'ё' => "yo", 'щ' => "shh", _ => RussianLetter(c, "j", "x", "cz", "yu", "ya", "y'", "e'", "''", "'") }));

    /// <summary>Russian passports from 2010 (й → i, ю → iu, я → ia, ё → e, х → kh, ц → tc, ъ → ie).</summary>
    public static string ToRussianPassport(string russian) =>
        Capitalize(Map(russian.ToLowerInvariant(), c => c switch { 'ё' => "e", _ => RussianLetter(c, "i", "kh", "tc", "iu", "ia", "y", "e", "ie", "") }));

    private static string RussianLetter(char c, string y, string kh, string ts, string yu, string ya, string yery, string e, string hard, string soft) => c switch
    {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => y,
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
        'х' => kh,
        'ц' => ts,
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => hard,
        'ы' => yery,
        'ь' => soft,
        'э' => e,
        'ю' => yu,
        'я' => ya,
        _ => c.ToString(),
    };

    private static string Map(string value, Func<char, string?> map)
    {
        var builder = new StringBuilder();
        foreach (var c in value)
            builder.Append(map(c) ?? c.ToString());
        return builder.ToString();
    }

    // One slip of the hand, not on the first letter: a letter replaced, left out, doubled, or two letters exchanged.
    private static string Typo(Random random, string name)
    {
        if (name.Length < 4)
            return name;
        var at = random.Next(1, name.Length - 1);
        var cyrillic = name.Any(c => c is >= 'а' and <= 'я');
        var upper = char.IsUpper(name[^1]);
        var letters = cyrillic ? "абвгдеийклмнопрстуфхчшыэюя" : "abcdefghijklmnoprstuvyz";
        var replacement = letters[random.Next(letters.Length)];
        if (upper)
            replacement = char.ToUpperInvariant(replacement);
        return random.Next(4) switch
        {
            0 => name[..at] + replacement + name[(at + 1)..],
            1 => name[..at] + name[(at + 1)..],
            2 => name[..at] + name[at] + name[at..],
            _ => name[..at] + name[at + 1] + name[at] + name[(at + 2)..],
        };
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
