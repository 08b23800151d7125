using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// The owner of an account is told in the app after every change of its sign-in details (ASVS 6.3.7): what changed and
/// when, never a value. Always, whoever made the change, so that a change the owner did not make is seen at their next
/// sign-in. Added to the change's own unit of work; saved with it.
/// </summary>
public static class CredentialNotices
{
    /// <summary>The owner changed their password.</summary>
    public static readonly NotificationKind PasswordChanged = new("credentials-password-changed");

    /// <summary>An authenticator app was enrolled, first or in place of another.</summary>
    public static readonly NotificationKind AuthenticatorEnrolled = new("credentials-authenticator");

    /// <summary>A new set of recovery codes replaced the old one.</summary>
    public static readonly NotificationKind RecoveryCodesReplaced = new("credentials-recovery-codes");

    public static readonly NotificationKind PasskeyAdded = new("credentials-passkey-added");

    public static readonly NotificationKind PasskeyRemoved = new("credentials-passkey-removed");

    /// <summary>An administrator replaced the password.</summary>
    public static readonly NotificationKind PasswordReset = new("credentials-password-reset");

    /// <summary>An administrator removed every second factor and replaced the password.</summary>
    public static readonly NotificationKind FactorsReset = new("credentials-factors-reset");

    public static readonly IReadOnlyList<NotificationKind> All =
        [PasswordChanged, AuthenticatorEnrolled, RecoveryCodesReplaced, PasskeyAdded, PasskeyRemoved, PasswordReset, FactorsReset];

    /// <summary>Adds the notice to <paramref name="db"/>; the caller's next save writes it with the change.</summary>
    public static void Add(AriadneDbContext db, Guid userId, NotificationKind change, DateTimeOffset now) =>
        db.Notifications.Add(new Notification { RecipientUserId = userId, Kind = change, CreatedAt = now });
}
