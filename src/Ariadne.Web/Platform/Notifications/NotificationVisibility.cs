using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Platform.Notifications;

/// <summary>
/// Who sees a notice, in one place (the home page and the notices page): the person it names; else the staff of the
/// institution it names who hold the role it names (any role when it names none); else, with no institution, everyone
/// holding the role (the auditors' queue). A notice meant for the duty desk is not every Squad member's.
/// </summary>
public static class NotificationVisibility
{
    public static IQueryable<Notification> For(this IQueryable<Notification> notices, Viewer viewer, IReadOnlyCollection<string> roles) =>
        notices.Where(n => n.RecipientUserId == viewer.UserId
            || (n.RecipientUserId == null && n.RecipientInstitutionId == viewer.InstitutionId && (n.RecipientRole == null || roles.Contains(n.RecipientRole)))
            || (n.RecipientUserId == null && n.RecipientInstitutionId == null && n.RecipientRole != null && roles.Contains(n.RecipientRole)));
}
