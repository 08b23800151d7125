namespace Ariadne.Web.Platform.Logging;

/// <summary>Every log line Ariadne writes itself. Identifiers only; anything a person typed is classified.</summary>
public static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Sign-in failed for account name {AccountName}")]
    public static partial void SignInFailed(this ILogger logger, [PersonalData] string accountName);

    [LoggerMessage(1002, LogLevel.Information, "User {UserId} signed in ({Method})")]
    public static partial void SignedIn(this ILogger logger, Guid userId, string method);

    [LoggerMessage(1003, LogLevel.Warning, "User {UserId} is locked out")]
    public static partial void LockedOut(this ILogger logger, Guid userId);

    [LoggerMessage(1004, LogLevel.Information, "User {UserId} enrolled an authenticator")]
    public static partial void AuthenticatorEnrolled(this ILogger logger, Guid userId);

    [LoggerMessage(1005, LogLevel.Information, "Administrator {AdminId} changed account {UserId}: {Change}")]
    public static partial void AccountChanged(this ILogger logger, Guid adminId, Guid userId, string change);

    [LoggerMessage(1006, LogLevel.Information, "Administrator {AdminId} changed institution {InstitutionId}: {Change}")]
    public static partial void InstitutionChanged(this ILogger logger, Guid adminId, Guid institutionId, string change);

    [LoggerMessage(1007, LogLevel.Information, "User {UserId} {Change} API token {TokenId}")]
    public static partial void ApiTokenChanged(this ILogger logger, Guid userId, string change, Guid tokenId);

    [LoggerMessage(1008, LogLevel.Information, "Applied {Count} migration(s) on {Provider}")]
    public static partial void Migrated(this ILogger logger, int count, string provider);

    [LoggerMessage(1016, LogLevel.Warning, "User {UserId} gave the right password but none of their second factors opens: written around the application, or sealed under a retired master key")]
    public static partial void SecondFactorUnusable(this ILogger logger, Guid userId);

    [LoggerMessage(1022, LogLevel.Warning, "User {UserId} of a privileged role was refused outside the privileged networks")]
    public static partial void NetworkRefused(this ILogger logger, Guid userId);

    [LoggerMessage(1024, LogLevel.Warning, "User {UserId} of a privileged role gave an authenticator code from a new context and was asked for their passkey")]
    public static partial void PasskeyNeededHere(this ILogger logger, Guid userId);

    [LoggerMessage(1023, LogLevel.Warning, "Ended a privileged session of user {UserId}: {Reason}")]
    public static partial void SessionRefusedByContext(this ILogger logger, Guid userId, string reason);

    [LoggerMessage(1017, LogLevel.Warning, "Refused a {Method} to {Route}: its antiforgery token was missing or wrong")]
    public static partial void AntiforgeryRefused(this ILogger logger, string route, string method);

    [LoggerMessage(1018, LogLevel.Warning, "Refused an API token: {Reason} (token {TokenId})")]
    public static partial void ApiTokenRefused(this ILogger logger, string reason, Guid? tokenId);

    [LoggerMessage(1019, LogLevel.Warning, "Refused a request over the {Limit} rate limit on {Path}")]
    public static partial void RateLimited(this ILogger logger, string limit, string path);

    [LoggerMessage(1015, LogLevel.Information, "Sealed {Seeds} authenticator seed(s) and {Passkeys} passkey key(s) stored before sealing existed")]
    public static partial void FactorsSealed(this ILogger logger, int seeds, int passkeys);

    [LoggerMessage(1009, LogLevel.Critical, "Refusing to start: {Reason}")]
    public static partial void RefusingToStart(this ILogger logger, string reason);

    [LoggerMessage(1026, LogLevel.Critical, "The sequence {Sequence} is behind the keys already stored (rows written without it: a node of an older version still running after 'migrate'?): new rows sort below them until 'migrate' runs again with every node on this version")]
    public static partial void NextKeysBehind(this ILogger logger, string sequence);

    [LoggerMessage(1027, LogLevel.Warning, "The sequence {Sequence} was behind the keys already stored: moved past them")]
    public static partial void NextKeysCaughtUp(this ILogger logger, string sequence);

    [LoggerMessage(1025, LogLevel.Error, "This node's audit signing key was retired by keys rotate-signing: it signs no checkpoint until it is restarted with the new key ring")]
    public static partial void SigningKeyRetired(this ILogger logger);

    [LoggerMessage(1011, LogLevel.Error, "Writing an audit checkpoint failed: {ErrorType}")]
    public static partial void CheckpointFailed(this ILogger logger, string errorType);

    [LoggerMessage(1010, LogLevel.Information, "User {UserId} added a passkey")]
    public static partial void PasskeyAdded(this ILogger logger, Guid userId);

    [LoggerMessage(1012, LogLevel.Error, "Background job {Job} failed: {ErrorType}")]
    public static partial void JobFailed(this ILogger logger, string job, string errorType);

    [LoggerMessage(1901, LogLevel.Information, "Passkey {Ceremony} refused: no ceremony in progress or an unreadable response ({ErrorType})")]
    public static partial void PasskeyCeremonyRefused(this ILogger logger, string ceremony, string errorType);

    [LoggerMessage(1013, LogLevel.Critical, "Unhandled exception of type {ErrorType}; the process ends")]
    public static partial void UnhandledException(this ILogger logger, string errorType);

    [LoggerMessage(1014, LogLevel.Critical, "A background task failed unobserved: {ErrorType}")]
    public static partial void UnobservedTaskException(this ILogger logger, string errorType);

    [LoggerMessage(1020, LogLevel.Information, "User {UserId} ended their other sessions")]
    public static partial void OtherSessionsEnded(this ILogger logger, Guid userId);

    [LoggerMessage(1021, LogLevel.Information, "Breached-password filter loaded: {Entries} entries, {Probes} probes")]
    public static partial void BreachedPasswordFilterLoaded(this ILogger logger, long entries, int probes);
}
