using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Identification;

/// <summary>The Identification module's audit actions.</summary>
public static class IdentificationAudit
{
    public static readonly AuditAction ScreeningRecorded = new("identification.screened");
    public static readonly AuditAction IdentificationDecided = new("identification.decided");

    public static readonly AuditPurpose View = new("identification.view");
    public static readonly AuditPurpose Screen = new("identification.screen");
    /// <summary>Qualified by the status decided: "identification.decide:Actual".</summary>
    public static readonly AuditPurpose Decide = new("identification.decide");
    /// <summary>A decision that supersedes an earlier one, qualified by the status: "identification.review:NotAVictim".</summary>
    public static readonly AuditPurpose Review = new("identification.review");

    public static readonly AuditTarget Screening = new("screening");
    public static readonly AuditTarget Decision = new("decision");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [ScreeningRecorded, IdentificationDecided];
}
