using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>The Accommodation module's audit vocabulary: shelters, beds, holds, admissions and discharges.</summary>
public static class AccommodationAudit
{
    public static readonly AuditAction ShelterSaved = new("shelter.saved");
    public static readonly AuditAction ShelterViewed = new("shelter.viewed");
    public static readonly AuditAction BedChanged = new("bed.changed");
    public static readonly AuditAction BedsSearched = new("beds.searched");
    public static readonly AuditAction BedHeld = new("bed.held");
    public static readonly AuditAction Admitted = new("placement.admitted");
    public static readonly AuditAction Discharged = new("placement.discharged");
    public static readonly AuditAction FollowedUp = new("followup.recorded");
    public static readonly AuditAction FollowUpEscalated = new("followup.escalated");
    public static readonly AuditAction ShiftSaved = new("guard.shift.saved");
    public static readonly AuditAction GuardBoardViewed = new("guard.board.viewed");
    public static readonly AuditAction TransportArranged = new("transport.arranged");
    public static readonly AuditAction TransportConfirmed = new("transport.confirmed");
    public static readonly AuditAction AliasSaved = new("placement.alias.saved");
    public static readonly AuditAction PlacementsListed = new("placements.listed");

    public static readonly AuditAction InspectionRecorded = new("inspection.recorded");
    public static readonly AuditAction InspectionsViewed = new("inspection.viewed");
    public static readonly AuditAction InspectionClosed = new("inspection.closed");
    public static readonly AuditAction HouseRulesSaved = new("houserules.saved");
    public static readonly AuditAction HouseRulesAcknowledged = new("houserules.acknowledged");
    public static readonly AuditAction MovementRecorded = new("movement.recorded");
    public static readonly AuditAction ResidentViewed = new("resident.viewed");
    public static readonly AuditAction ConditionsSet = new("conditions.set");
    public static readonly AuditAction ComplaintCodeIssued = new("complaint.codeissued");
    public static readonly AuditAction ComplaintReceived = new("complaint.received");
    public static readonly AuditAction ComplaintViewed = new("complaint.viewed");
    public static readonly AuditAction ComplaintUpdated = new("complaint.updated");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } =
    [
        ShelterSaved, ShelterViewed, BedChanged, BedsSearched, BedHeld, Admitted, Discharged, FollowedUp, FollowUpEscalated,
        ShiftSaved, GuardBoardViewed, TransportArranged, TransportConfirmed, AliasSaved, PlacementsListed,
        InspectionRecorded, InspectionsViewed, InspectionClosed, HouseRulesSaved, HouseRulesAcknowledged, MovementRecorded, ResidentViewed,
        ConditionsSet, ComplaintCodeIssued, ComplaintReceived, ComplaintViewed, ComplaintUpdated,
    ];

    public static readonly AuditPurpose Manage = new("shelter.manage");
    public static readonly AuditPurpose Find = new("bed.find");
    public static readonly AuditPurpose Hold = new("bed.hold");
    public static readonly AuditPurpose Release = new("bed.release");
    public static readonly AuditPurpose Admit = new("placement.admit");
    public static readonly AuditPurpose Discharge = new("placement.discharge");
    public static readonly AuditPurpose View = new("placement.view");
    public static readonly AuditPurpose FollowUpRecord = new("followup.record");
    public static readonly AuditPurpose FollowUpMissed = new("followup.missed");
    public static readonly AuditPurpose Roster = new("guard.roster");
    public static readonly AuditPurpose Watch = new("guard.watch");
    public static readonly AuditPurpose Arrange = new("transport.arrange");
    public static readonly AuditPurpose HandOver = new("transport.handover");
    public static readonly AuditPurpose Inspect = new("shelter.inspect");
    public static readonly AuditPurpose HouseRules = new("shelter.houserules");
    public static readonly AuditPurpose ResidentLife = new("resident.life");
    public static readonly AuditPurpose Conditions = new("resident.conditions");
    public static readonly AuditPurpose Complain = new("complaint.receive");
    public static readonly AuditPurpose ComplaintReview = new("complaint.review");

    public static readonly AuditTarget Shelter = new("shelter");
    public static readonly AuditTarget Bed = new("bed");
    public static readonly AuditTarget Placement = new("placement");
    public static readonly AuditTarget FollowUp = new("followup");
    public static readonly AuditTarget Shift = new("guard-shift");
    public static readonly AuditTarget Transport = new("transport");
    public static readonly AuditTarget Inspection = new("inspection");
    public static readonly AuditTarget Movement = new("movement");
    public static readonly AuditTarget Complaint = new("complaint");

    /// <summary>To the shelter's staff: one of its beds was held (no person, no address).</summary>
    public static readonly NotificationKind BedHeldNotice = new("bed-held");

    /// <summary>To the shelter's managers: a follow-up of someone they discharged was missed (the case number only).</summary>
    public static readonly NotificationKind FollowUpMissedNotice = new("followup-missed");

    /// <summary>To the person who made the referral: the person was admitted to a shelter (the referral's number only: no shelter, no address).</summary>
    public static readonly NotificationKind PlacementConfirmedNotice = new("placement-confirmed");
    /// <summary>To the Coordinator: an inspection found a condition not met (no address, no person).</summary>
    public static readonly NotificationKind ConditionFailedNotice = new("condition-failed");

    /// <summary>To the oversight body (auditors): a resident's complaint arrived (no content, no shelter, no person).</summary>
    public static readonly NotificationKind ComplaintNotice = new("complaint-received");
}
