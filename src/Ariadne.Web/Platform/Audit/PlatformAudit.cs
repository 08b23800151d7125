namespace Ariadne.Web.Platform.Audit;

/// <summary>The platform's own audit actions: sign-in, accounts, institutions, tokens, grants, break-glass, keys, the trail itself, the demo.</summary>
public static class PlatformAudit
{
    public static readonly AuditAction SignIn = new("sign-in");
    public static readonly AuditAction SignInFailed = new("sign-in.failed");
    public static readonly AuditAction SignOut = new("sign-out");
    /// <summary>A completed sign-in from a network and device family the account had not used (ASVS 6.3.5, 8.2.4).</summary>
    public static readonly AuditAction SignInNewContext = new("sign-in.new-context");
    /// <summary>A privileged session refused because its network changed or is outside <c>Security:PrivilegedNetworks</c> (ASVS 8.2.4).</summary>
    public static readonly AuditAction SessionRefusedByContext = new("session.context-refused");
    public static readonly AuditAction AccountChanged = new("account.changed");
    public static readonly AuditAction InstitutionChanged = new("institution.changed");
    public static readonly AuditAction ApiTokenChanged = new("api-token.changed");
    public static readonly AuditAction CaseDenied = new("case.denied");
    public static readonly AuditAction GrantCreated = new("grant.created");
    public static readonly AuditAction GrantRevoked = new("grant.revoked");
    public static readonly AuditAction BreakGlassOpened = new("break-glass.opened");
    public static readonly AuditAction BreakGlassReviewed = new("break-glass.reviewed");
    public static readonly AuditAction KeysRotated = new("keys.rotated");
    /// <summary>A new audit signing key; the old one kept for verification only (<c>keys rotate-signing</c>).</summary>
    public static readonly AuditAction SigningKeyRotated = new("keys.signing-rotated");
    public static readonly AuditAction AuditViewed = new("audit.viewed");
    public static readonly AuditAction AuditExported = new("audit.exported");
    public static readonly AuditAction DemoSeeded = new("demo.seeded");
    public static readonly AuditAction AccessDenied = new("access.denied");

    /// <summary>The purpose of an <see cref="AccessDenied"/> event, qualified by the endpoint's policy names.</summary>
    public const string FunctionPurpose = "access.function";

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [SignIn, SignInFailed, SignOut, SignInNewContext, SessionRefusedByContext, AccountChanged, InstitutionChanged, ApiTokenChanged, CaseDenied, GrantCreated, GrantRevoked, BreakGlassOpened, BreakGlassReviewed, KeysRotated, SigningKeyRotated, AuditViewed, AuditExported, DemoSeeded, AccessDenied];
}
