using System.Buffers;
using System.Globalization;
using System.Text;

namespace Ariadne.Linkage;

/// <summary>
/// Comparison forms for personal names written in Azerbaijani Latin, Russian or Azerbaijani Cyrillic,
/// English or passport (ICAO 9303) transliteration, and Turkish, so that the same person written by
/// different agencies (Məmmədov, Мамедов, Mammadov, Mamedov) can be found and compared.
/// </summary>
/// <remarks>
/// All members are thread-safe and allocate little: they are meant to run on every record of a
/// register of a million people.
/// </remarks>
public static class NameNormalizer
{
    // Characters below this code point are looked up in a table built once; the rest are mapped on the fly.
    private const int TableSize = 0x2000;

    // The longest replacement of one character ("щ" → "shch").
    private const int MaxExpansion = 4;

    // Work buffers up to this many characters live on the stack.
    private const int StackLimit = 256;

    // Latin letters and the Cyrillic letters that look the same, position by position; used to repair
    // words typed with the wrong keyboard layout for a letter or two.
    private const string LatinLookalikes = "aceopxykhijəABCEHKMOPTXYIJƏ";
    private const string CyrillicLookalikes = "асеорхукһіјәАВСЕНКМОРТХУІЈӘ";

    // After these (or at the start of a word) Cyrillic "е" is written "ye", as BGN/PCGN does.
    private static readonly SearchValues<char> IotatingPredecessors =
        SearchValues.Create("аеёиоуыэюяәөүіїєйъьАЕЁИОУЫЭЮЯӘӨҮІЇЄЙЪЬ");

    private static readonly string?[] CharTable = BuildTable();

    // What Prepare needs to know of each character below TableSize.
    private const byte NfkcStable = 1; // unchanged by NFKC whatever surrounds it
    private const byte LatinLetter = 2;
    private const byte CyrillicLetter = 4;
    private static readonly byte[] CharFlags = BuildFlags();

    // Surname endings, on the canonical form, longest first. Russian "-in" is not among them: it is
    // also the end of many Azerbaijani and Turkish roots (Şahin, Aydın, Elçin), and cutting it would part
    // Şahin from Şahinov; only the feminine "a" of "-ina" goes.
    private static readonly string[] SurnameEndings =
    [
        "zadeh", "zade", "zada", "oglu", "ogly", "ogli", "gizi", "kizi", "kyzy", "gyzy",
        "yeva", "ova", "eva", "yev", "ov", "ev", "li", "lu", "ly",
    ];

    // Words (or glued endings) meaning "son of" / "daughter of", on the canonical form.
    private static readonly string[] KinshipWords = ["oglu", "ogly", "ogli", "gizi", "kizi", "kyzy", "gyzy"];

    // Surname words that are only an ending written apart ("Məmməd zadə", "Mehmet oğlu").
    private static readonly string[] DetachedSurnameEndings =
        ["zade", "zada", "zadeh", "oglu", "ogly", "ogli", "gizi", "kizi", "kyzy", "gyzy"];

    // Russian-style patronymic endings, on the canonical form, longest first. "-yevich" is cut as
    // "-evich" so that Sergeyevich keeps the y of Sergey; a y left after Aliyevich vanishes in the skeleton.
    private static readonly string[] PatronymicEndings = ["ovich", "evich", "ichna", "ovna", "evna", "ich"];

    // A surname-style ending left on a father's name ("Əliyev oğlu").
    private static readonly string[] FatherSurnameEndings = ["yev", "ev", "ov"];

    private const int MinSurnameStem = 3;
    private const int MinFatherName = 2;

    /// <summary>
    /// The faithful lower-case ASCII transliteration of a name: letters only, words run together,
    /// Azerbaijani Latin and Cyrillic (Russian and Azerbaijani) written the way passports and
    /// BGN/PCGN write them (ə → a, ş → sh, x → kh, q → g, c → j, j → zh; ж → zh, х → kh, щ → shch),
    /// other accented Latin letters reduced to their base letter.
    /// </summary>
    /// <param name="value">A name or part of a name, in any of the supported alphabets.</param>
    /// <returns>The transliteration, or an empty string when <paramref name="value"/> is null, blank or has no letters.</returns>
    /// <remarks>
    /// Not idempotent: a canonical form read again as Azerbaijani Latin changes (j → zh).
    /// Letters of other scripts (Greek, Arabic, Georgian…) are dropped.
    /// </remarks>
    public static string Canonical(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return string.Empty;

        string prepared = Prepare(value);
        char[]? rented = null;
        int capacity = prepared.Length * MaxExpansion;
        Span<char> buffer = capacity <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            int length = WriteCanonical(prepared, buffer);
            return length == 0 ? string.Empty : new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// A phonetic key on top of <see cref="Canonical"/>: spelling variants of one name across Azerbaijani
    /// Latin, Cyrillic, English, passport and Turkish writing (Hüseynov, Гусейнов, Guseinov, Hüseyinov)
    /// give the same key, while different names (Aliyev and Valiyev, Leyla and Lalə) keep different keys.
    /// </summary>
    /// <param name="value">A name or part of a name, in any of the supported alphabets.</param>
    /// <returns>The key (lower-case ASCII letters), or an empty string when <paramref name="value"/> is null, blank or has no letters.</returns>
    /// <remarks>
    /// The key merges sounds the alphabets disagree on: e/a (ə), o/u (ö, ü), i/y (ı, й), g/k/h (q, x, г, һ),
    /// the j sounds (c, ç, ch, j, zh, dzh), s/sh (ş), and it writes each repeated letter once.
    /// </remarks>
    public static string Skeleton(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return string.Empty;

        string prepared = Prepare(value);
        char[]? rented = null;
        int capacity = prepared.Length * MaxExpansion;
        Span<char> buffer = capacity <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            int length = WriteCanonical(prepared, buffer);
            length = WriteSkeleton(buffer[..length], buffer);
            return length == 0 ? string.Empty : new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The <see cref="Skeleton"/> of a surname without its gendered or derivational ending, so that
    /// the men and women of one family and the derived forms of one root share a key:
    /// Məmmədov, Məmmədova, Мамедова, Məmmədli, Mammadzade and Məmmədzadə all give the stem of Məmməd.
    /// </summary>
    /// <param name="surname">A surname; a double surname (Məmmədova-Əliyeva) gives the stems of both parts run together.</param>
    /// <returns>The stem key, or an empty string when <paramref name="surname"/> is null, blank or has no letters.</returns>
    /// <remarks>
    /// Endings removed (at most one a word, keeping at least three letters): -ov/-ova, -ev/-eva, -yev/-yeva,
    /// -li/-lu/-ly (-lı), -zade/-zadə/-zadeh, -oğlu/-ogly, -qızı/-kyzy, and the "a" of -ina (Шахина → Шахин;
    /// -in itself stays, as it ends many roots: Şahin, Aydın).
    /// </remarks>
    public static string SurnameStem(string? surname)
    {
        if (string.IsNullOrWhiteSpace(surname))
            return string.Empty;

        string prepared = Prepare(surname);
        char[]? rented = null;
        int capacity = prepared.Length * MaxExpansion;
        Span<char> buffer = capacity <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            int length = 0;
            int i = 0;
            while (NextWord(prepared, ref i, out ReadOnlySpan<char> word))
            {
                Span<char> target = buffer[length..];
                int wordLength = WriteCanonical(word, target);
                ReadOnlySpan<char> canonical = target[..wordLength];
                if (wordLength == 0 || IsOneOf(canonical, DetachedSurnameEndings))
                    continue;
                int stem = StripEnding(canonical, SurnameEndings, MinSurnameStem);
                if (stem == wordLength && canonical.EndsWith("ina") && wordLength > MinSurnameStem)
                    stem--; // Шахина → Шахин
                length += stem;
            }

            length = WriteSkeleton(buffer[..length], buffer);
            return length == 0 ? string.Empty : new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The <see cref="Skeleton"/> of the father's given name held in a patronymic, whichever way it is
    /// written: "Əli oğlu", "Əli qızı", "Ali oglu", "Али оглы", "Алиевич", "Aliyevich", "Алиевна" and
    /// "Əliyevna" all give <c>Skeleton("Əli")</c>.
    /// </summary>
    /// <param name="patronymic">A patronymic in any of the supported alphabets.</param>
    /// <returns>The key of the father's name, or null when <paramref name="patronymic"/> is null, blank or names nobody.</returns>
    public static string? PatronymicKey(string? patronymic)
    {
        if (string.IsNullOrWhiteSpace(patronymic))
            return null;

        string prepared = Prepare(patronymic);
        char[]? rented = null;
        int capacity = prepared.Length * MaxExpansion;
        Span<char> buffer = capacity <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            int length = 0;
            int i = 0;
            while (NextWord(prepared, ref i, out ReadOnlySpan<char> word))
            {
                int wordLength = WriteCanonical(word, buffer);
                if (wordLength > 0 && !IsOneOf(buffer[..wordLength], KinshipWords))
                {
                    length = wordLength;
                    break;
                }
            }

            ReadOnlySpan<char> name = buffer[..length];
            name = name[..StripEnding(name, KinshipWords, MinFatherName)];
            name = name[..StripEnding(name, PatronymicEndings, MinFatherName)];
            name = name[..StripEnding(name, FatherSurnameEndings, MinSurnameStem)];

            length = WriteSkeleton(name, buffer);
            return length == 0 ? null : new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The <see cref="Skeleton"/> of the first word of a given name: a double name such as
    /// "Aynur Gül" gives the key of "Aynur".
    /// </summary>
    /// <param name="given">A given name in any of the supported alphabets.</param>
    /// <returns>The key, or null when <paramref name="given"/> is null, blank or has no letters.</returns>
    public static string? GivenKey(string? given)
    {
        if (string.IsNullOrWhiteSpace(given))
            return null;

        string prepared = Prepare(given);
        char[]? rented = null;
        int capacity = prepared.Length * MaxExpansion;
        Span<char> buffer = capacity <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            int i = 0;
            while (NextWord(prepared, ref i, out ReadOnlySpan<char> word))
            {
                int length = WriteCanonical(word, buffer);
                length = WriteSkeleton(buffer[..length], buffer);
                if (length > 0)
                    return new string(buffer[..length]);
            }
        }
        finally
        {
            if (rented is not null)
                ArrayPool<char>.Shared.Return(rented);
        }

        return null;
    }

    /// <summary>
    /// The q-grams of a string padded with <c>q - 1</c> underscores at both ends, in order and with
    /// repeats kept: <c>QGrams("ali")</c> is <c>_a, al, li, i_</c>.
    /// </summary>
    /// <param name="value">The string, usually a <see cref="Skeleton"/> or <see cref="Canonical"/> form.</param>
    /// <param name="q">The length of each gram, at least 1.</param>
    /// <returns>The grams; none for an empty string.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is less than 1.</exception>
    public static IReadOnlyList<string> QGrams(string value, int q = 2)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 1);
        if (value.Length == 0)
            return [];

        int pad = q - 1;
        string padded = string.Create(value.Length + (2 * pad), (value, pad), static (span, state) =>
        {
            span.Fill('_');
            state.value.AsSpan().CopyTo(span[state.pad..]);
        });

        var grams = new string[padded.Length - q + 1];
        for (int i = 0; i < grams.Length; i++)
            grams[i] = padded.Substring(i, q);
        return grams;
    }

    // NFKC, then repair of words that mix Latin and Cyrillic look-alike letters. Strings made only of
    // characters NFKC leaves alone (nearly all names) skip the normalisation.
    private static string Prepare(string value)
    {
        byte seen = Scan(value, out bool stable);
        if (!stable)
        {
            value = value.Normalize(NormalizationForm.FormKC);
            seen = Scan(value, out _);
        }

        return (seen & (LatinLetter | CyrillicLetter)) == (LatinLetter | CyrillicLetter) ? RepairMixedScripts(value) : value;
    }

    // The union of the flags of value's characters; stable when NFKC would not change value.
    private static byte Scan(string value, out bool stable)
    {
        byte all = NfkcStable;
        byte seen = 0;
        foreach (char c in value)
        {
            byte flags = c < TableSize ? CharFlags[c] : (byte)0;
            all &= flags;
            seen |= flags;
        }

        stable = all == NfkcStable;
        return seen;
    }

    // In each word, letters that look alike in both scripts are written in the script of the word's
    // other letters: "Мамeдoв" with Latin e and o reads as Мамедов, "Mаmmadov" with Cyrillic а as Mammadov.
    private static string RepairMixedScripts(string value)
    {
        char[] chars = value.ToCharArray();
        int i = 0;
        while (i < chars.Length)
        {
            if (!IsWordChar(chars[i]))
            {
                i++;
                continue;
            }

            int start = i;
            int latinOnly = 0;
            int cyrillicOnly = 0;
            for (; i < chars.Length && IsWordChar(chars[i]); i++)
            {
                char c = chars[i];
                if (IsCyrillic(c) && !CyrillicLookalikes.Contains(c, StringComparison.Ordinal))
                    cyrillicOnly++;
                else if (IsLatinLetter(c) && !LatinLookalikes.Contains(c, StringComparison.Ordinal))
                    latinOnly++;
            }

            if (latinOnly == cyrillicOnly)
                continue;

            (string from, string to) = cyrillicOnly > latinOnly
                ? (LatinLookalikes, CyrillicLookalikes)
                : (CyrillicLookalikes, LatinLookalikes);
            for (int j = start; j < i; j++)
            {
                int index = from.IndexOf(chars[j], StringComparison.Ordinal);
                if (index >= 0)
                    chars[j] = to[index];
            }
        }

        return new string(chars);
    }

    private static bool IsWordChar(char c) =>
        char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private static bool IsCyrillic(char c) => c < TableSize && (CharFlags[c] & CyrillicLetter) != 0;

    private static bool IsLatinLetter(char c) => c < TableSize && (CharFlags[c] & LatinLetter) != 0;

    // Writes the canonical form of src into dest (at least MaxExpansion times as long) and returns its length.
    private static int WriteCanonical(ReadOnlySpan<char> src, Span<char> dest)
    {
        int length = 0;
        char previous = '\0'; // the last letter of the current word, '\0' at the start of a word
        for (int i = 0; i < src.Length; i++)
        {
            char c = src[i];
            string? mapped;
            if (c is 'е' or 'Е')
                mapped = previous == '\0' || IotatingPredecessors.Contains(previous) ? "ye" : "e";
            else if (c is 'c' or 'C' && i + 1 < src.Length && src[i + 1] is 'h' or 'H')
                mapped = "c"; // English "ch", not Azerbaijani c followed by h
            else
                mapped = c < TableSize ? CharTable[c] : MapChar(c);

            if (mapped is null)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                    previous = '\0';
                continue;
            }

            mapped.CopyTo(dest[length..]);
            length += mapped.Length;
            previous = c;
        }

        return length;
    }

    // Writes the skeleton of a canonical form into dest and returns its length. dest may be src itself:
    // the skeleton is never longer than what it has read.
    private static int WriteSkeleton(ReadOnlySpan<char> src, Span<char> dest)
    {
        int length = 0;
        char last = '\0';
        int i = 0;
        while (i < src.Length)
        {
            char c = src[i];
            char next = i + 1 < src.Length ? src[i + 1] : '\0';
            char third = i + 2 < src.Length ? src[i + 2] : '\0';
            char previous = i > 0 ? src[i - 1] : '\0';
            char key;
            int used = 2;
            // The writings of one sound across transliteration systems: a glide between a consonant and a vowel
            // (Гюнай gyunay, Giunai; Кёнуль kyonul; Шукюров shukyurov: Günay, Könül, Şükürov), GOST's j for й
            // after a vowel (Gusejnov, Sulejmanov), ICAO's oe/ue for ö/ü (HUESEYNOV, KOENUL), GOST's cz and the
            // Russian passport's tc for ц.
            if (previous != '\0' && !IsVowel(previous) && ((c == 'y' && IsVowel(next) && next is not ('i' or 'y')) || (c == 'i' && next is 'a' or 'o' or 'u')))
            {
                i++;
                continue;
            }

            switch (c)
            {
                case 'z' when next == 'h' && IsVowel(previous) && !IsVowel(third):
                    key = 'i';
                    break;
                case 'o' or 'u' when next == 'e' && third != '\0' && !IsVowel(third):
                    key = 'o';
                    break;
                case 'c' when next == 'z':
                case 't' when next == 'c':
                    key = 's';
                    break;
                case 's' when next == 'h':
                    key = 's';
                    if (third == 'c' && i + 3 < src.Length && src[i + 3] == 'h')
                        used = 4;
                    break;
                case 'd' when next == 'z' && third == 'h':
                    key = 'j';
                    used = 3;
                    break;
                case 'z' when next == 'h':
                case 'c' when next == 'h':
                    key = 'j';
                    break;
                case 'k' when next == 'h':
                    key = 'k';
                    break;
                case 't' when next == 's':
                    key = 's';
                    break;
                default:
                    key = SoundClass(c);
                    used = 1;
                    break;
            }

            i += used;
            if (key != last)
            {
                dest[length++] = key;
                last = key;
            }
        }

        return length;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static char SoundClass(char c) => c switch
    {
        'e' => 'a',
        'u' => 'o',
        'y' => 'i',
        'g' or 'h' or 'q' or 'x' => 'k',
        'c' => 'j',
        'w' => 'v',
        _ => c,
    };

    // The next run of characters between separators (spaces, hyphens, punctuation other than apostrophes).
    private static bool NextWord(string value, ref int index, out ReadOnlySpan<char> word)
    {
        while (index < value.Length && IsSeparator(value[index]))
            index++;
        int start = index;
        while (index < value.Length && !IsSeparator(value[index]))
            index++;
        word = value.AsSpan(start, index - start);
        return word.Length > 0;
    }

    private static bool IsSeparator(char c) => c < 0x80
        ? !char.IsAsciiLetterOrDigit(c) && c is not '\'' and not '`'
        : !(c < TableSize && CharTable[c] is not null)
            && (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation);

    private static bool IsOneOf(ReadOnlySpan<char> value, ReadOnlySpan<string> candidates)
    {
        foreach (string candidate in candidates)
        {
            if (value.SequenceEqual(candidate))
                return true;
        }

        return false;
    }

    // The length of value without the first (longest) of endings it ends with, keeping at least minStem letters.
    private static int StripEnding(ReadOnlySpan<char> value, ReadOnlySpan<string> endings, int minStem)
    {
        foreach (string ending in endings)
        {
            if (value.Length - ending.Length >= minStem && value.EndsWith(ending))
                return value.Length - ending.Length;
        }

        return value.Length;
    }

    private static string?[] BuildTable()
    {
        var table = new string?[TableSize];
        for (int c = 0; c < TableSize; c++)
            table[c] = MapChar((char)c);
        return table;
    }

    private static byte[] BuildFlags()
    {
        var flags = new byte[TableSize];
        for (int i = 0; i < TableSize; i++)
        {
            char c = (char)i;
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            // Below the Hebrew block only combining marks compose with what precedes them.
            bool stable = c < '\u0590'
                && category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                    or UnicodeCategory.EnclosingMark or UnicodeCategory.Surrogate)
                && c.ToString().IsNormalized(NormalizationForm.FormKC);
            bool letter = char.IsLetter(c);
            bool latin = letter && (c < '\u0370' || c is >= '\u1E00' and <= '\u1EFF');
            bool cyrillic = letter && c is >= '\u0400' and <= '\u052F';
            flags[i] = (byte)((stable ? NfkcStable : 0) | (latin ? LatinLetter : 0) | (cyrillic ? CyrillicLetter : 0));
        }

        return flags;
    }

    // The canonical form of one character: null for a non-letter, "" for a letter written as nothing.
    private static string? MapChar(char c)
    {
        if (!char.IsLetter(c))
            return null;

        char lower = c is '\u0130' or '\u0131' or 'I' ? 'i' : char.ToLowerInvariant(c);
        string? mapped = MapLetter(lower);
        if (mapped is not null)
            return mapped;
        if (char.IsAsciiLetterLower(lower))
            return lower.ToString();

        var builder = new StringBuilder(MaxExpansion);
        foreach (char part in lower.ToString().Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterLower(part))
                builder.Append(part); // the base letter as it is: é → e, ĉ → c
            else if (MapLetter(part) is { } partMapped)
                builder.Append(partMapped);
        }

        return builder.Length == 0 ? string.Empty : builder.ToString(0, Math.Min(builder.Length, MaxExpansion));
    }

    // Letters with a fixed transliteration (lower case).
    private static string? MapLetter(char c) => c switch
    {
        // Azerbaijani and Turkish Latin
        'ə' or 'ǝ' => "a",
        'ğ' => "g",
        'ı' => "i",
        'ö' => "o",
        'ü' => "u",
        'ç' => "ch",
        'ş' => "sh",
        'x' => "kh",
        'q' => "g",
        'c' => "j",
        'j' => "zh",

        // Other Latin letters without a decomposition, and Slavic hačeks
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' or 'ð' => "d",
        'þ' => "th",
        'ł' => "l",
        'ħ' => "h",
        'č' or 'ć' => "ch",
        'š' => "sh",
        'ž' => "zh",

        // Russian Cyrillic
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
        'й' => "y",
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
        'ъ' or 'ь' => string.Empty,
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",

        // Azerbaijani Cyrillic and neighbours (Ukrainian, Belarusian, Kazakh, Uzbek, Tajik)
        'ә' => "a",
        'ғ' or 'ҝ' or 'ґ' or 'ѓ' => "g",
        'ө' => "o",
        'ү' or 'ұ' or 'ў' or 'ӯ' => "u",
        'һ' or 'ҳ' => "h",
        'ҹ' or 'ҷ' => "j",
        'ј' => "y",
        'і' or 'ӣ' => "i",
        'ї' => "yi",
        'є' => "ye",
        'қ' or 'ќ' => "k",
        'ң' => "n",
        _ => null,
    };
}
