using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

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
    public static readonly AuditAction CaseClosed = new("case.closed");
    public static readonly AuditAction CaseReopened = new("case.reopened");

    public static readonly AuditPurpose Create = new("case.create");
    public static readonly AuditPurpose View = new("case.view");
    public static readonly AuditPurpose ApiView = new("api.case.view");
    public static readonly AuditPurpose ApiCreateReplay = new("api.case.create.replay");
    /// <summary>Qualified by the data classes touched: "case.update:Identity, Health".</summary>
    public static readonly AuditPurpose Update = new("case.update");
    /// <summary>Qualified by the outcome of the closure: "case.close:Repatriated".</summary>
    public static readonly AuditPurpose Close = new("case.close");
    public static readonly AuditPurpose Reopen = new("case.reopen");
    public static readonly AuditPurpose UpdateWithoutOutcome = new("case.update.closure-without-outcome");
    public static readonly AuditPurpose UpdateErased = new("case.update.erased");
    public static readonly AuditPurpose UpdateMinorWithoutAssessment = new("case.update.minor-without-assessment");
    public static readonly AuditPurpose SearchDocument = new("search.document");
    public static readonly AuditPurpose SearchPhone = new("search.phone");
    public static readonly AuditPurpose AgeView = new("age.view");
    /// <summary>Qualified by the outcome when recorded: "age.assess:Child".</summary>
    public static readonly AuditPurpose AgeAssess = new("age.assess");
    public static readonly AuditPurpose GrantCreate = new("grant.create");
    public static readonly AuditPurpose GrantSelfAssign = new(GrantService.SelfAssignmentPurpose);
    public static readonly AuditPurpose GrantList = new("grant.list");
    public static readonly AuditPurpose GrantRevoke = new("grant.revoke");
    public static readonly AuditPurpose GrantRevokeChildCase = new("grant.revoke.child-case");
    /// <summary>Qualified by the reason given: "emergency:ImminentDanger".</summary>
    public static readonly AuditPurpose Emergency = new("emergency");
    public static readonly AuditPurpose ReviewJustified = new("review.justified");
    public static readonly AuditPurpose ReviewUnjustified = new("review.unjustified");
    public static readonly AuditPurpose Erasure = new("erasure");
    /// <summary>An erasure carried out again after a restore, from the erasure list (the person was erased after the backup).</summary>
    public static readonly AuditPurpose ErasureAfterRestore = new("erasure.after-restore");
    public static readonly AuditPurpose Reauthentication = new("reauthentication");
    public static readonly AuditPurpose NoSuchCase = new("no-such-case");
    public static readonly AuditPurpose SearchName = new("search.name");
    public static readonly AuditPurpose History = new("case.history");
    public static readonly AuditPurpose List = new("case.list");

    public static readonly AuditTarget Person = new("person");
    public static readonly AuditTarget Assessment = new("age-assessment");

    public static readonly NotificationKind BreakGlassOpened = new("break-glass");
    public static readonly NotificationKind SelfAssignment = new(GrantService.SelfAssignmentKind);

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [CaseCreated, CaseViewed, CaseUpdated, CaseSearched, PersonErased, AgeAssessed, CaseClosed, CaseReopened];
}
