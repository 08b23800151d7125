using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Oversight;

/// <summary>The Oversight module's audit vocabulary (its actions are the platform's: audit viewed, audit exported).</summary>
public static class OversightAudit
{
    public static readonly AuditPurpose Oversight = new("oversight");
}
