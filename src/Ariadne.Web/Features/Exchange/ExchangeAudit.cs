using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Exchange;

/// <summary>The Exchange module's audit actions, targets and purposes (the operator's verbs: no signed-in user acts).</summary>
public static class ExchangeAudit
{
    public static readonly AuditAction CtdcImported = new("exchange.ctdc-imported");
    public static readonly AuditAction CtdcExported = new("exchange.ctdc-exported");
    public static readonly AuditAction HtcdsExported = new("exchange.htcds-exported");
    public static readonly AuditAction HtcdsImported = new("exchange.htcds-imported");

    public static readonly AuditTarget CtdcImport = new("ctdc-import");
    public static readonly AuditTarget HtcdsFile = new("htcds-file");

    /// <summary>CTDC's global dataset taken in as aggregate reference data (never as cases).</summary>
    public static readonly AuditPurpose ReferenceData = new("exchange.ctdc-reference-data");
    /// <summary>The same file (same SHA-256) again: nothing added.</summary>
    public static readonly AuditPurpose AlreadyImported = new("exchange.already-imported");
    /// <summary>The k-anonymised CTDC file for the Counter Trafficking Data Collaborative.</summary>
    public static readonly AuditPurpose CtdcContribution = new("exchange.ctdc-contribution");
    /// <summary>Pseudonymised case records for a partner's case management system (HTCDS).</summary>
    public static readonly AuditPurpose HtcdsExchange = new("exchange.htcds-exchange");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [CtdcImported, CtdcExported, HtcdsExported, HtcdsImported];
}
