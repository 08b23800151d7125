using Ariadne.Linkage;

namespace Ariadne.Linkage.Tests;

public sealed class NormalizationTests
{
    // ---- Canonical ----

    [Theory]
    // Azerbaijani Latin
    [InlineData("Məmmədov", "mammadov")]
    [InlineData("Hüseynov", "huseynov")]
    [InlineData("Qasımova", "gasimova")]
    [InlineData("Cəfərov", "jafarov")]
    [InlineData("Xəlilov", "khalilov")]
    [InlineData("Şahin", "shahin")]
    [InlineData("Çingiz", "chingiz")]
    [InlineData("Göyçə", "goycha")]
    [InlineData("Jalə", "zhala")]
    [InlineData("Ağaoğlu", "agaoglu")]
    // Russian Cyrillic
    [InlineData("Мамедов", "mamedov")]
    [InlineData("Гусейнов", "guseynov")]
    [InlineData("Касимова", "kasimova")]
    [InlineData("Джафаров", "dzhafarov")]
    [InlineData("Халилов", "khalilov")]
    [InlineData("Шахин", "shakhin")]
    [InlineData("Чингиз", "chingiz")]
    [InlineData("Юсифов", "yusifov")]
    [InlineData("Щукина", "shchukina")]
    [InlineData("Цой", "tsoy")]
    [InlineData("Пётр", "pyotr")]
    [InlineData("Яна", "yana")]
    [InlineData("Эльвира", "elvira")]
    [InlineData("Объедков", "obyedkov")]
    [InlineData("Рыбаков", "rybakov")]
    [InlineData("Жанна", "zhanna")]
    // Cyrillic е: "ye" at the start of a word and after a vowel, "e" after a consonant
    [InlineData("Елена", "yelena")]
    [InlineData("Алиев", "aliyev")]
    [InlineData("Мамедов Елчин", "mamedovyelchin")]
    // Azerbaijani Cyrillic
    [InlineData("Әлијев", "aliyev")]
    [InlineData("Һүсејнов", "huseynov")]
    [InlineData("Ҹәфәров", "jafarov")]
    [InlineData("Ҝүлнар", "gulnar")]
    [InlineData("Ғасымов", "gasymov")]
    [InlineData("Өмәр", "omar")]
    // English, passport and other Latin
    [InlineData("Mammadov", "mammadov")]
    [InlineData("Chingiz", "chingiz")]
    [InlineData("Khalilov", "khalilov")]
    [InlineData("Renée", "renee")]
    [InlineData("Muñoz", "munoz")]
    [InlineData("Straße", "strasse")]
    [InlineData("Łukasz", "lukasz")]
    [InlineData("Čapek", "chapek")]
    public void Canonical_transliterates(string name, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(name));

    [Theory]
    [InlineData("İlkin", "ilkin")]
    [InlineData("ILKIN", "ilkin")]
    [InlineData("İLKİN", "ilkin")]
    [InlineData("ilkin", "ilkin")]
    [InlineData("İsmayıl", "ismayil")]
    [InlineData("ISMAYIL", "ismayil")]
    [InlineData("IŞIQ", "ishig")]
    [InlineData("ışıq", "ishig")]
    [InlineData("i\u0307lkin", "ilkin")] // i with a combining dot, as İ lower-cased by some systems
    [InlineData("I\u0307lkin", "ilkin")] // İ decomposed
    public void Canonical_reads_dotted_and_dotless_i_as_i(string name, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(name));

    [Theory]
    [InlineData("MƏMMƏDOV", "mammadov")]
    [InlineData("məmmədov", "mammadov")]
    [InlineData("МАМЕДОВ", "mamedov")]
    [InlineData("mAmEdOv", "mamedov")]
    [InlineData("ŞAHİN", "shahin")]
    [InlineData("ÇİNGİZ", "chingiz")]
    [InlineData("XƏLİLOV", "khalilov")]
    public void Canonical_ignores_case(string name, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(name));

    [Theory]
    [InlineData("Məmmədova-Əliyeva", "mammadovaaliyeva")]
    [InlineData("  Məmmədova  -  Əliyeva  ", "mammadovaaliyeva")]
    [InlineData("Məmmədova – Əliyeva", "mammadovaaliyeva")]
    [InlineData("Əli  Vəli", "alivali")]
    [InlineData("\tƏli\nVəli ", "alivali")]
    [InlineData("O'Neil", "oneil")]
    [InlineData("Ma'sum", "masum")]
    [InlineData("Ali2 (Mamed).", "alimamed")]
    [InlineData("Мамедова-Алиева", "mamedovaaliyeva")]
    public void Canonical_drops_spaces_hyphens_and_punctuation(string name, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(name));

    [Theory]
    [InlineData("\uFF2D\uFF41\uFF4D\uFF45\uFF44", "mamed")] // full-width Latin
    [InlineData("S\u0327ahin", "shahin")] // ş as s + combining cedilla
    [InlineData("Me\u0308mme\u0308dov", "memmedov")] // e with a combining diaeresis
    [InlineData("Mämmädov", "mammadov")] // ə written as ä
    [InlineData("M\u01DDmm\u01DDdov", "mammadov")] // ə written as turned e (ǝ)
    [InlineData("Го\u0301лубев", "golubev")] // stress mark
    public void Canonical_normalises_unicode_variants(string name, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(name));

    [Theory]
    [InlineData("Мамeдoв", "mamedov")] // Latin e and o in a Cyrillic word
    [InlineData("MАMMАDOV", "mammadov")] // Cyrillic А in a Latin word
    [InlineData("Сəfərov", "jafarov")] // Cyrillic С in an Azerbaijani Latin word
    [InlineData("Xалилов", "khalilov")] // Latin X in a Cyrillic word
    [InlineData("Нacaнoв", "nasanov")] // mostly Latin look-alikes, one unambiguous Cyrillic letter
    [InlineData("Мамедов Mammadov", "mamedovmammadov")] // two words in two scripts stay as they are
    public void Canonical_repairs_look_alike_letters_from_the_other_script(string name, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData("-")]
    [InlineData(" - ' . ")]
    [InlineData("123")]
    [InlineData("ъь")]
    public void Canonical_is_empty_without_letters(string? name) =>
        Assert.Equal(string.Empty, NameNormalizer.Canonical(name));

    [Theory]
    [InlineData("Məmmədova-Əliyeva")]
    [InlineData("Щербаков Ёлкин Юрьевич")]
    [InlineData("Ångström Ærøskøbing Œuvre")]
    [InlineData("Ελένη Ali")]
    [InlineData("Ҹәфәр Һүсејн Ғасым")]
    public void Canonical_is_lower_case_ascii_letters_only(string name)
    {
        string canonical = NameNormalizer.Canonical(name);

        Assert.NotEmpty(canonical);
        Assert.All(canonical, c => Assert.True(char.IsAsciiLetterLower(c), $"'{c}' in \"{canonical}\""));
    }

    [Fact]
    public void Canonical_handles_long_values()
    {
        string name = string.Concat(Enumerable.Repeat("Щербаков-", 200));

        Assert.Equal(string.Concat(Enumerable.Repeat("shcherbakov", 200)), NameNormalizer.Canonical(name));
    }

    // ---- Skeleton ----

    [Theory]
    [InlineData("Məmmədov", "Мамедов", "Mammadov", "Mamedov", "Mammedov", "MƏMMƏDOV", "МАМЕДОВ")]
    [InlineData("Hüseynov", "Гусейнов", "Huseynov", "Guseynov", "Hüseyinov", "Guseinov", "Һүсејнов")]
    [InlineData("Əliyev", "Алиев", "Aliyev", "Aliev", "Әлијев", "ƏLİYEV")]
    [InlineData("Qasımova", "Касимова", "Gasimova", "Kasimova", "Qasimova", "QASIMOVA")]
    [InlineData("Cəfərov", "Джафаров", "Jafarov", "Dzhafarov", "Cafarov", "Ҹәфәров", "Djafarov")]
    [InlineData("Xəlilov", "Халилов", "Khalilov", "Halilov", "Xalilov")]
    [InlineData("Şahin", "Шахин", "Shahin", "Sahin")]
    [InlineData("Çingiz", "Чингиз", "Chingiz", "Cingiz")]
    [InlineData("Yusifov", "Юсифов", "Iusifov")]
    [InlineData("Nərmin", "Нармин", "Narmin", "Nermin")]
    [InlineData("Əliyeva", "Алиева", "Aliyeva", "Alieva")]
    [InlineData("Ceyhun", "Джейхун", "Jeyhun", "Dzheykhun")]
    [InlineData("Yeganə", "Егана", "Yegana")]
    [InlineData("İlkin", "Илкин", "Ilkin", "ILKIN")]
    public void Skeleton_collides_spelling_variants(params string[] names)
    {
        string expected = NameNormalizer.Skeleton(names[0]);

        Assert.NotEmpty(expected);
        Assert.All(names, name => Assert.Equal(expected, NameNormalizer.Skeleton(name)));
    }

    [Theory]
    [InlineData("Aliyev", "Valiyev")]
    [InlineData("Əliyev", "Vəliyev")]
    [InlineData("Алиев", "Валиев")]
    [InlineData("Mammadov", "Ahmadov")]
    [InlineData("Məmmədov", "Əhmədov")]
    [InlineData("Мамедов", "Ахмедов")]
    [InlineData("Leyla", "Lalə")]
    [InlineData("Лейла", "Лала")]
    [InlineData("Aysel", "Aysu")]
    [InlineData("Айсел", "Айсу")]
    [InlineData("Yana", "Ana")]
    [InlineData("Kamal", "Kamil")]
    [InlineData("Rəşad", "Rəsul")]
    public void Skeleton_keeps_different_names_apart(string one, string other) =>
        Assert.NotEqual(NameNormalizer.Skeleton(one), NameNormalizer.Skeleton(other));

    [Theory]
    [InlineData("Məmmədov", "mamadov")]
    [InlineData("Hüseynov", "kosainov")]
    [InlineData("Şahin", "sakin")]
    [InlineData("Çingiz", "jinkiz")]
    [InlineData("Leyla", "laila")]
    public void Skeleton_is_a_lower_case_key(string name, string expected) =>
        Assert.Equal(expected, NameNormalizer.Skeleton(name));

    [Theory]
    [InlineData("Məmmədova-Əliyeva", "Mamedova Alieva")]
    [InlineData("  Məmmədova  -  Əliyeva  ", "Мамедова-Алиева")]
    [InlineData("Əli Vəli", "Ali-Veli")]
    public void Skeleton_ignores_spaces_and_hyphens(string one, string other) =>
        Assert.Equal(NameNormalizer.Skeleton(one), NameNormalizer.Skeleton(other));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("--")]
    [InlineData("42")]
    public void Skeleton_is_empty_without_letters(string? name) =>
        Assert.Equal(string.Empty, NameNormalizer.Skeleton(name));

    [Fact]
    public void Skeleton_handles_long_values()
    {
        string name = string.Concat(Enumerable.Repeat("Məmmədov ", 100));

        Assert.Equal(string.Concat(Enumerable.Repeat("mamadov", 100)), NameNormalizer.Skeleton(name));
    }

    // ---- SurnameStem ----

    [Theory]
    [InlineData("Məmməd", "Məmmədov", "Məmmədova", "Məmmədli", "Мамедов", "Мамедова", "Mammadzade", "Məmmədzadə",
        "Mamedova", "Mammadova", "Mammadli", "Мамедлы", "Mammadzadeh", "Мамедзаде", "Məmməd zadə", "MƏMMƏDOVA")]
    [InlineData("Əli", "Aliyev", "Aliyeva", "Алиева", "Алиев", "Aliev", "Alieva", "Əliyev", "Əliyeva", "Əlizadə", "Əlili")]
    [InlineData("Vəli", "Vəliyev", "Valiyev", "Valiev", "Валиева", "Vəliyeva")]
    [InlineData("Hüseyn", "Hüseynov", "Hüseynova", "Гусейнова", "Guseinov", "Hüseynli", "Hüseynzadə")]
    [InlineData("Mustafa", "Mustafayev", "Mustafaev", "Мустафаева", "Mustafayeva")]
    [InlineData("Mehmet", "Mehmetoğlu", "Mehmetoglu", "Mehmet oğlu")]
    [InlineData("Şahin", "Şahinova", "Şahinov", "Шахин", "Шахина", "Shahinov", "Şahinli")]
    [InlineData("Aydın", "Aydınov", "Aydınova", "Айдынов", "Aydınlı", "Aydin")]
    public void SurnameStem_removes_one_family_ending(params string[] names)
    {
        string expected = NameNormalizer.SurnameStem(names[0]);

        Assert.NotEmpty(expected);
        Assert.All(names, name => Assert.Equal(expected, NameNormalizer.SurnameStem(name)));
    }

    [Theory]
    [InlineData("Məmmədov", "mamad")]
    [InlineData("Əliyeva", "ali")]
    [InlineData("Hüseynzadə", "kosain")]
    public void SurnameStem_is_the_skeleton_of_the_root(string surname, string expected) =>
        Assert.Equal(expected, NameNormalizer.SurnameStem(surname));

    [Theory]
    [InlineData("Əli", "ali")] // too short to lose "li"
    [InlineData("Vəli", "vali")]
    [InlineData("Əmin", "amin")] // "-in" is never cut
    [InlineData("Rzayev", "rza")]
    public void SurnameStem_keeps_at_least_three_letters(string surname, string expected) =>
        Assert.Equal(expected, NameNormalizer.SurnameStem(surname));

    [Theory]
    [InlineData("Aliyev", "Valiyev")]
    [InlineData("Aliyeva", "Valiyeva")]
    [InlineData("Məmmədova", "Əhmədova")]
    [InlineData("Hüseynov", "Həsənov")]
    public void SurnameStem_keeps_different_families_apart(string one, string other) =>
        Assert.NotEqual(NameNormalizer.SurnameStem(one), NameNormalizer.SurnameStem(other));

    [Theory]
    [InlineData("Məmmədova-Əliyeva", "Mamedov Aliyev")]
    [InlineData("  Məmmədova  -  Əliyeva ", "Мамедова-Алиева")]
    public void SurnameStem_of_a_double_surname_stems_each_part(string one, string other) =>
        Assert.Equal(NameNormalizer.SurnameStem(one), NameNormalizer.SurnameStem(other));

    [Fact]
    public void SurnameStem_of_a_double_surname_is_not_the_stem_of_either_part()
    {
        string both = NameNormalizer.SurnameStem("Məmmədova-Əliyeva");

        Assert.NotEqual(NameNormalizer.SurnameStem("Məmmədova"), both);
        Assert.NotEqual(NameNormalizer.SurnameStem("Əliyeva"), both);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("-")]
    public void SurnameStem_is_empty_without_letters(string? surname) =>
        Assert.Equal(string.Empty, NameNormalizer.SurnameStem(surname));

    // ---- PatronymicKey ----

    [Theory]
    [InlineData("Əli", "Əli oğlu", "Əli qızı", "Ali oglu", "Ali qizi", "Али оглы", "Али кызы", "Али гызы", "Алиевич",
        "Alievich", "Aliyevich", "Alievna", "Алиевна", "Əliyevna", "Aliyevna", "ƏLİ OĞLU", "  Əli   oğlu ", "Əli-oğlu",
        "Əlioğlu", "Ali kyzy", "Əliyev oğlu")]
    [InlineData("Məmməd", "Məmməd oğlu", "Мамедович", "Mamedovna", "Məmməd qızı", "Мамед оглы", "Mammad oglu",
        "Mamedovich", "Мамедовна", "Məmmədovna")]
    [InlineData("Hüseyn", "Hüseyn oğlu", "Гусейнович", "Huseynovna", "Гусейн оглы")]
    [InlineData("Sergey", "Сергеевич", "Sergeyevich", "Сергеевна")]
    public void PatronymicKey_is_the_key_of_the_fathers_name(string father, params string[] patronymics)
    {
        string expected = NameNormalizer.Skeleton(father);

        Assert.NotEmpty(expected);
        Assert.All(patronymics, patronymic => Assert.Equal(expected, NameNormalizer.PatronymicKey(patronymic)));
    }

    [Theory]
    [InlineData("Əli oğlu", "Vəli oğlu")]
    [InlineData("Алиевич", "Валиевич")]
    [InlineData("Məmməd qızı", "Əhməd qızı")]
    public void PatronymicKey_keeps_different_fathers_apart(string one, string other) =>
        Assert.NotEqual(NameNormalizer.PatronymicKey(one), NameNormalizer.PatronymicKey(other));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("oğlu")]
    [InlineData("qızı")]
    [InlineData("-")]
    public void PatronymicKey_is_null_without_a_name(string? patronymic) =>
        Assert.Null(NameNormalizer.PatronymicKey(patronymic));

    // ---- GivenKey ----

    [Theory]
    [InlineData("Aynur Gül", "Aynur")]
    [InlineData("  Aynur   Gül ", "Aynur")]
    [InlineData("Aynur-Gül", "Aynur")]
    [InlineData("Айнур Гюль", "Aynur")]
    [InlineData("AYNUR", "Aynur")]
    [InlineData("- Aynur", "Aynur")]
    [InlineData("Nərmin", "Нармин")]
    [InlineData("İlkin", "Ilkin")]
    public void GivenKey_is_the_skeleton_of_the_first_name(string given, string first) =>
        Assert.Equal(NameNormalizer.Skeleton(first), NameNormalizer.GivenKey(given));

    [Theory]
    [InlineData("Leyla", "Lalə")]
    [InlineData("Aysel", "Aysu")]
    [InlineData("Aynur Gül", "Gül Aynur")]
    public void GivenKey_keeps_different_names_apart(string one, string other) =>
        Assert.NotEqual(NameNormalizer.GivenKey(one), NameNormalizer.GivenKey(other));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" - ")]
    [InlineData("12")]
    public void GivenKey_is_null_without_letters(string? given) =>
        Assert.Null(NameNormalizer.GivenKey(given));

    // ---- QGrams ----

    [Theory]
    [InlineData("ali", 2, new[] { "_a", "al", "li", "i_" })]
    [InlineData("ali", 3, new[] { "__a", "_al", "ali", "li_", "i__" })]
    [InlineData("ali", 1, new[] { "a", "l", "i" })]
    [InlineData("a", 2, new[] { "_a", "a_" })]
    [InlineData("aa", 2, new[] { "_a", "aa", "a_" })]
    [InlineData("ana", 2, new[] { "_a", "an", "na", "a_" })]
    public void QGrams_are_padded_at_both_ends(string value, int q, string[] expected) =>
        Assert.Equal(expected, NameNormalizer.QGrams(value, q));

    [Fact]
    public void QGrams_default_to_bigrams() =>
        Assert.Equal(["_m", "ma", "am", "ma", "ad", "d_"], NameNormalizer.QGrams("mamad"));

    [Fact]
    public void QGrams_keep_repeats()
    {
        IReadOnlyList<string> grams = NameNormalizer.QGrams("mamad");

        Assert.Equal(2, grams.Count(g => g == "ma"));
    }

    [Fact]
    public void QGrams_of_an_empty_string_are_none() => Assert.Empty(NameNormalizer.QGrams(string.Empty));

    [Fact]
    public void QGrams_count_is_length_plus_q_minus_one()
    {
        string key = NameNormalizer.Skeleton("Hüseynova");

        Assert.Equal(key.Length + 2, NameNormalizer.QGrams(key, 3).Count);
    }

    [Fact]
    public void QGrams_reject_null() => Assert.Throws<ArgumentNullException>(() => NameNormalizer.QGrams(null!));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void QGrams_reject_a_length_below_one(int q) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NameNormalizer.QGrams("ali", q));
}
