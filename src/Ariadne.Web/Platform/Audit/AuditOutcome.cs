namespace Ariadne.Web.Platform.Audit;

public static class AuditOutcome
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string Failed = "failed";
    /// <summary>The password was right; the second factor is still to come.</summary>
    public const string PendingSecondFactor = "pending-2fa";
}
