namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// What happened: the vocabulary of <see cref="AuditEvent.Action"/> (e.g. "case.viewed"). Each action is
/// declared once, as a static field of the platform's <see cref="PlatformAudit"/> or of a module's *Audit
/// class, and the module lists it in its contract; two declarations of one code stop the app at start.
/// </summary>
public sealed record AuditAction(string Code)
{
    public override string ToString() => Code;

    /// <summary>For comparisons with the stored column (<c>e.Action == CasesAudit.CaseViewed</c>).</summary>
    public static implicit operator string(AuditAction action) => action.Code;
}
