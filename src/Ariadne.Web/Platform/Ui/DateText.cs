using System.Globalization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// Dates as people write them: <c>12.05.1998</c>, <c>12/05/1998</c>, <c>1998-05-12</c>, or day, month
/// and year in three boxes. Always day before month (as in Azerbaijan and Russia); stored as ISO 8601.
/// </summary>
public static class DateText
{
    private static readonly string[] Formats =
        ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "dd MM yyyy", "d M yyyy"];

    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        return !string.IsNullOrWhiteSpace(text)
            && DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>From the three boxes: null when all are empty; the ISO date when they make one; otherwise what was typed, for the validator to refuse.</summary>
    public static string? FromParts(string? day, string? month, string? year)
    {
        day = day?.Trim();
        month = month?.Trim();
        year = year?.Trim();
        if (string.IsNullOrEmpty(day) && string.IsNullOrEmpty(month) && string.IsNullOrEmpty(year))
            return null;
        // A whole date pasted or typed into the first box ("12.05.1998") is taken as it is.
        if (!string.IsNullOrEmpty(day) && string.IsNullOrEmpty(month) && string.IsNullOrEmpty(year) && TryParse(day, out var whole))
            return Iso(whole);
        if (int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && y is >= 1000 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            return Iso(new DateOnly(y, m, d));
        return $"{day}.{month}.{year}";
    }

    /// <summary>A date the user typed as one value, in ISO when it parses; otherwise as typed (to be refused).</summary>
    public static string? Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : TryParse(text, out var date) ? Iso(date) : text.Trim();

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
