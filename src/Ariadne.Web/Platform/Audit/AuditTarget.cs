namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// The kind of thing an audit event is about (<see cref="AuditEvent.TargetType"/>): "case", "referral",
/// "user". The platform's are here; a module declares its own as static fields of its *Audit class.
/// </summary>
public sealed record AuditTarget(string Code)
{
    public static readonly AuditTarget Case = new("case");
    public static readonly AuditTarget User = new("user");
    public static readonly AuditTarget Institution = new("institution");
    public static readonly AuditTarget ApiToken = new("api-token");
    public static readonly AuditTarget Grant = new("grant");
    public static readonly AuditTarget BreakGlass = new("break-glass");

    public override string ToString() => Code;

    public static implicit operator string(AuditTarget target) => target.Code;
}
