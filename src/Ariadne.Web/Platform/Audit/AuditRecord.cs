namespace Ariadne.Web.Platform.Audit;

/// <summary>What a caller asks the trail to record; sequence, time and hashes are added by the trail.</summary>
/// <summary>The audit records several services write alike.</summary>
public static class AuditRecords
{
    /// <summary>A case the viewer may not see was asked for: recorded like any denial (identifiers only).</summary>
    public static AuditRecord CaseDenied(Access.Viewer viewer, Guid caseId, string purpose) =>
        new(AuditAction.CaseDenied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, "case", caseId, null, null, purpose);
}

public sealed record AuditRecord(
    string Action,
    string Outcome = AuditOutcome.Allowed,
    Guid? ActorUserId = null,
    Guid? ActorInstitutionId = null,
    string? TargetType = null,
    Guid? TargetId = null,
    Guid? CaseId = null,
    string? Relation = null,
    string? Purpose = null);
