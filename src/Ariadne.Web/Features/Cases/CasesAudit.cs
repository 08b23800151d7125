using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Cases;

/// <summary>The Cases module's audit actions.</summary>
public static class CasesAudit
{
    public static readonly AuditAction CaseCreated = new("case.created");
    public static readonly AuditAction CaseViewed = new("case.viewed");
    public static readonly AuditAction CaseUpdated = new("case.updated");
    public static readonly AuditAction CaseSearched = new("case.searched");
    public static readonly AuditAction PersonErased = new("person.erased");
    public static readonly AuditAction AgeAssessed = new("age.assessed");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [CaseCreated, CaseViewed, CaseUpdated, CaseSearched, PersonErased, AgeAssessed];
}
