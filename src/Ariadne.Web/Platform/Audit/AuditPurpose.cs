namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Why an action was taken (<see cref="AuditEvent.Purpose"/>), from a fixed vocabulary — never free text a
/// person typed. Declared as static fields of the platform's or a module's *Audit class; <see cref="For"/>
/// adds a qualifier from a closed set (an urgency, a relation), e.g. "referral.submit:Immediate".
/// </summary>
public sealed record AuditPurpose(string Code)
{
    public AuditPurpose For<T>(T qualifier) where T : struct, Enum => new($"{Code}:{qualifier}");

    public override string ToString() => Code;

    public static implicit operator string(AuditPurpose purpose) => purpose.Code;
}
