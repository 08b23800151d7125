namespace Ariadne.Web.Platform.Statistics;

/// <summary>The coarse codes facts use, shared by every source and by the exchange formats.</summary>
public static class StatCodes
{
    public const string Female = "F";
    public const string Male = "M";
    public const string OtherSex = "X";

    /// <summary>CTDC's broad age bands (age at the fact's event).</summary>
    public static readonly IReadOnlyList<string> AgeBands = ["0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+"];

    /// <summary>Whether an age band is a child's.</summary>
    public static bool IsChild(string? band) => band is "0-8" or "9-17";

    /// <summary>Forms of exploitation (HTCDS 2.0 types of exploitation; the referral form offers these).</summary>
    public static readonly IReadOnlyList<string> ExploitationForms =
        ["forced-labour", "sexual", "child-labour", "forced-marriage", "servitude", "forced-military", "organ-removal", "begging",
         "forced-adoption", "surrogacy", "criminality", "other"];

    public static string? AgeBandOf(int? years) => years switch
    {
        null or < 0 => null,
        <= 8 => "0-8",
        <= 17 => "9-17",
        <= 20 => "18-20",
        <= 23 => "21-23",
        <= 26 => "24-26",
        <= 29 => "27-29",
        <= 38 => "30-38",
        <= 47 => "39-47",
        _ => "48+",
    };

    /// <summary>The first day of the month of a day.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}
