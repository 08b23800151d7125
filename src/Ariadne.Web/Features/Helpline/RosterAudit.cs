using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The roster's and the statistics' audit vocabulary.</summary>
public static class RosterAudit
{
    public static readonly AuditAction ShiftSaved = new("helpline.roster.saved");
    public static readonly AuditAction ShiftRemoved = new("helpline.roster.removed");
    public static readonly AuditAction ProfileSaved = new("helpline.roster.profile.saved");
    public static readonly AuditAction RosterViewed = new("helpline.roster.viewed");
    public static readonly AuditAction StatisticsViewed = new("helpline.stats.viewed");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [ShiftSaved, ShiftRemoved, ProfileSaved, RosterViewed, StatisticsViewed];

    public static readonly AuditPurpose Roster = new("helpline.roster");
    public static readonly AuditPurpose Statistics = new("helpline.statistics");

    public static readonly AuditTarget Shift = new("helpline-shift");
    public static readonly AuditTarget Profile = new("helpline-operator");
}
