namespace Ariadne.Web.Platform.Audit;

/// <summary>The audit records several services write alike.</summary>
public static class AuditRecords
{
    /// <summary>A case the viewer may not see was asked for: recorded like any denial (identifiers only).</summary>
    public static AuditRecord CaseDenied(Access.Viewer viewer, Guid caseId, AuditPurpose purpose) =>
        new(PlatformAudit.CaseDenied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, AuditTarget.Case, caseId, null, null, purpose);
}
