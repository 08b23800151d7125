using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Audit codes as people read them: an action ("case.updated") by its <c>AuditAction_case_updated</c>
/// text, a purpose by <c>AuditPurpose_…</c>, an outcome by <c>AuditOutcome_…</c>. A code without a text
/// reads as "Recorded action", never as the code itself.
/// </summary>
public static class AuditWords
{
    public static string Action(IStringLocalizer text, string action) => Say(text, "AuditAction_", action, "AuditAction_Other");

    /// <summary>A qualified purpose ("referral.submit:Immediate") reads as its base ("referral.submit") where it has no words of its own.</summary>
    public static string Purpose(IStringLocalizer text, string? purpose) => purpose switch
    {
        null => "—",
        _ when purpose.IndexOf(':') is > 0 and var colon && text[Key("AuditPurpose_", purpose)].ResourceNotFound =>
            Say(text, "AuditPurpose_", purpose[..colon], "AuditPurpose_Other"),
        _ => Say(text, "AuditPurpose_", purpose, "AuditPurpose_Other"),
    };

    public static string Outcome(IStringLocalizer text, string outcome) => Say(text, "AuditOutcome_", outcome, "AuditAction_Other");

    private static string Key(string prefix, string code) => prefix + code.Replace('.', '_').Replace('-', '_').Replace(':', '_');

    private static string Say(IStringLocalizer text, string prefix, string code, string fallback)
    {
        var words = text[Key(prefix, code)];
        return words.ResourceNotFound ? text[fallback].Value : words.Value;
    }
}
