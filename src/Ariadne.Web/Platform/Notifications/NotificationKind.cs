namespace Ariadne.Web.Platform.Notifications;

/// <summary>
/// What a notification is about (<see cref="Notification.Kind"/>), e.g. "referral-received". Declared as
/// static fields of the module that sends it; the Notifications page shows the text keyed by the code.
/// </summary>
public sealed record NotificationKind(string Code)
{
    public override string ToString() => Code;

    public static implicit operator string(NotificationKind kind) => kind.Code;
}
