using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Identification;

/// <summary>The Identification module's audit actions.</summary>
public static class IdentificationAudit
{
    public static readonly AuditAction ScreeningRecorded = new("identification.screened");
    public static readonly AuditAction IdentificationDecided = new("identification.decided");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [ScreeningRecorded, IdentificationDecided];
}
