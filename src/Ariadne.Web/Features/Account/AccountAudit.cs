using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Account;

/// <summary>The Account module's audit purposes: how one signed in, and what happened to a token. Its actions are the platform's (<see cref="PlatformAudit.SignIn"/>, <see cref="PlatformAudit.ApiTokenChanged"/>).</summary>
public static class AccountAudit
{
    public static readonly AuditPurpose Password = new("password");
    public static readonly AuditPurpose Passkey = new("passkey");
    public static readonly AuditPurpose Totp = new("totp");
    public static readonly AuditPurpose RecoveryCode = new("recovery-code");
    /// <summary>Proving one's factors again before changing them (<c>/Account/Reauthenticate</c>).</summary>
    public static readonly AuditPurpose Reauthentication = new("reauthentication");
    public static readonly AuditPurpose TokenCreated = new("token.created");
    public static readonly AuditPurpose TokenRevoked = new("token.revoked");
}
