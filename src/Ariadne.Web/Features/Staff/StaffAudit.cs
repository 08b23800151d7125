using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

namespace Ariadne.Web.Features.Staff;

/// <summary>The Staff module's audit purposes (a confirmation's decision) and the notifications it sends. Its actions are the platform's (<see cref="PlatformAudit.AccountChanged"/>).</summary>
public static class StaffAudit
{
    private static readonly string[] Kinds = [AccountChange.Membership, AccountChange.Roles, AccountChange.Training, AccountChange.Password];
    private static readonly Dictionary<(string Kind, bool Approved), AuditPurpose> Decisions = Kinds
        .SelectMany(k => new[] { (k, true), (k, false) })
        .ToDictionary(d => d, d => new AuditPurpose($"confirm.{d.Item1}.{(d.Item2 ? "approved" : "refused")}"));

    /// <summary>"confirm.roles.approved", "confirm.membership.refused", … for each kind of <see cref="AccountChange"/>.</summary>
    public static AuditPurpose Decision(string kind, bool approved) => Decisions[(kind, approved)];

    /// <summary>To the institution: a change to one of its accounts waits for confirmation.</summary>
    public static readonly NotificationKind AccountPending = new("account-pending");
    /// <summary>To oversight: the administrator changed an account.</summary>
    public static readonly NotificationKind AccountAdminAction = new("account-admin-action");
    public static readonly NotificationKind AccountConfirmed = new("account-confirmed");
    public static readonly NotificationKind AccountRefused = new("account-refused");
}
