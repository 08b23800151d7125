using System.Text.RegularExpressions;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// Removes contact details from what a chat visitor writes before it is stored: e-mail addresses, web addresses, phone numbers,
/// and card or IBAN-like runs of digits become "[removed]". The operator sees the scrubbed text too: a person is never
/// reached outside the helpline's own channel, and nothing identifying is kept by accident.
/// </summary>
public static partial class ChatScrubber
{
    public const string Removed = "[removed]";

    /// <summary>The text with contact details replaced.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = Email().Replace(text, Removed);
        result = Url().Replace(result, Removed);
        result = Iban().Replace(result, Removed);
        // Phone and card numbers: a run of digits with spaces, dashes, dots or brackets holding seven digits or more.
        result = DigitRun().Replace(result, m => m.Value.Count(char.IsAsciiDigit) >= 7 ? Removed : m.Value);
        return result;
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+\s*(@|\(at\)|\[at\])\s*[\p{L}\p{N}\-]+(\s*(\.|\(dot\)|\[dot\])\s*[\p{L}\p{N}\-]+)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b((https?|ftp)://|www\.)\S+|\b[\p{L}\p{N}\-]+(\.[\p{L}\p{N}\-]+)*\.(com|net|org|info|biz|az|ru|ua|tr|ge|kz|uz|by|io|me|co|uk|de|eu|app|site|online|xyz|ly|gl|to|cc|tv|link)\b(/\S*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Url();

    [GeneratedRegex(@"\b[A-Z]{2}[0-9]{2}[ \-]?(?:[A-Z0-9]{4}[ \-]?){2,7}[A-Z0-9]{1,4}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Iban();

    [GeneratedRegex(@"\+?\(?[0-9][0-9 \-.()\u00A0]{5,}[0-9]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DigitRun();
}
