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

    public static string Purpose(IStringLocalizer text, string? purpose) => purpose is null ? "—" : Say(text, "AuditPurpose_", purpose, "AuditPurpose_Other");

    public static string Outcome(IStringLocalizer text, string outcome) => Say(text, "AuditOutcome_", outcome, "AuditAction_Other");

    private static string Say(IStringLocalizer text, string prefix, string code, string fallback)
    {
        var words = text[prefix + code.Replace('.', '_').Replace('-', '_').Replace(':', '_')];
        return words.ResourceNotFound ? text[fallback].Value : words.Value;
    }
}
