namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// One audited action: who, what (identifiers only — never personal data), when, through which
/// relation, for what purpose, and the outcome. Each event carries the hash of the one before it.
/// The table is append-only: triggers refuse UPDATE and DELETE, and on PostgreSQL the application's
/// role holds no privilege to do either.
/// </summary>
public sealed class AuditEvent
{
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorUserId { get; set; }
    public Guid? ActorInstitutionId { get; set; }
    public required string Action { get; set; }
    public string? TargetType { get; set; }
    public Guid? TargetId { get; set; }
    public Guid? CaseId { get; set; }
    /// <summary>How access was obtained: a grant's relation, "break-glass", or null.</summary>
    public string? Relation { get; set; }
    /// <summary>Why, from a fixed vocabulary (e.g. "case.view"); never free text a person typed.</summary>
    public string? Purpose { get; set; }
    public required string Outcome { get; set; }
    public required byte[] PreviousHash { get; set; }
    public required byte[] Hash { get; set; }
    /// <summary>
    /// HMAC-SHA256 of <see cref="Hash"/> under the key ring's audit MAC key: proves that Ariadne wrote the
    /// event, before any checkpoint covers it. Null only on events written before issue 9.
    /// </summary>
    public byte[]? Mac { get; set; }
}

/// <summary>A signed Merkle root (RFC 9162) over the first <see cref="TreeSize"/> events.</summary>
public sealed class AuditCheckpoint
{
    public long Id { get; set; }
    public long TreeSize { get; set; }
    public required byte[] RootHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required byte[] Signature { get; set; }
    /// <summary>SHA-256 of the signing public key (SubjectPublicKeyInfo), hex.</summary>
    public required string KeyId { get; set; }
}

public static class AuditOutcome
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string Failed = "failed";
    /// <summary>The password was right; the second factor is still to come.</summary>
    public const string PendingSecondFactor = "pending-2fa";
}

/// <summary>What happened; the vocabulary of <see cref="AuditEvent.Action"/>.</summary>
public static class AuditAction
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in.failed";
    public const string AccountChanged = "account.changed";
    public const string InstitutionChanged = "institution.changed";
    public const string ApiTokenChanged = "api-token.changed";
    public const string CaseCreated = "case.created";
    public const string CaseViewed = "case.viewed";
    public const string CaseUpdated = "case.updated";
    public const string CaseSearched = "case.searched";
    public const string CaseDenied = "case.denied";
    public const string GrantCreated = "grant.created";
    public const string GrantRevoked = "grant.revoked";
    public const string BreakGlassOpened = "break-glass.opened";
    public const string BreakGlassReviewed = "break-glass.reviewed";
    public const string PersonErased = "person.erased";
    public const string KeysRotated = "keys.rotated";
    public const string AuditViewed = "audit.viewed";
    public const string AuditExported = "audit.exported";
    public const string ReferralSubmitted = "referral.submitted";
    public const string ReferralViewed = "referral.viewed";
    public const string ReferralDenied = "referral.denied";
    public const string ReferralAcknowledged = "referral.acknowledged";
    public const string ReferralDispatched = "referral.dispatched";
    public const string ReferralClosed = "referral.closed";
    public const string ReferralEscalated = "referral.escalated";
    public const string ReferralFileRead = "referral.file-read";
    public const string ScreeningRecorded = "identification.screened";
    public const string IdentificationDecided = "identification.decided";
    public const string ConsentRecorded = "consent.recorded";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string OnwardSent = "onward.sent";
    public const string OnwardAnswered = "onward.answered";
    public const string OnwardClosed = "onward.closed";
    public const string RiskAssessed = "risk.assessed";
    public const string NationalCount = "linkage.national-count";
    /// <summary>The demo seeded this database: production refuses it for good (the trail is append-only).</summary>
    public const string DemoSeeded = "demo.seeded";
    public const string AgeAssessed = "age.assessed";
    public const string NationalCountSnapshot = "linkage.national-count-snapshot";
}
