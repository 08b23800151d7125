namespace Ariadne.Web.Platform.Audit;

/// <summary>The platform's own audit purposes (operator verbs, the demo).</summary>
public static class PlatformPurposes
{
    public static readonly AuditPurpose KeysRotate = new("keys.rotate");
    public static readonly AuditPurpose KeysRotateSigning = new("keys.rotate-signing");
    public static readonly AuditPurpose SessionsEndAll = new("sessions.end-all");
    public static readonly AuditPurpose Demo = new("demo");
}
