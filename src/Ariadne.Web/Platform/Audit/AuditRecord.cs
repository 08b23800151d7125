namespace Ariadne.Web.Platform.Audit;

/// <summary>What a caller asks the trail to record; sequence, time and hashes are added by the trail.</summary>
public sealed record AuditRecord(
    AuditAction Action,
    string Outcome = AuditOutcome.Allowed,
    Guid? ActorUserId = null,
    Guid? ActorInstitutionId = null,
    AuditTarget? TargetType = null,
    Guid? TargetId = null,
    Guid? CaseId = null,
    string? Relation = null,
    AuditPurpose? Purpose = null);
