using Ariadne.Web.Platform.Access;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Protection;

/// <summary>What the Protection services share: who manages a case's consent and onward referral, and how free text is kept.</summary>
internal static class ProtectionRules
{
    /// <summary>May the viewer manage consent and onward referral (which create and end grants)? The case's investigator only — supervision reads, it does not write.</summary>
    public static async Task<bool> ManagesAsync(this CaseAccess access, Viewer viewer, Guid caseId, CancellationToken ct) =>
        await access.ActiveGrants(viewer).AnyAsync(g => g.CaseId == caseId && g.Relation == Relation.Investigator, ct);

    /// <summary>Free text as it is sealed: trimmed, and blank is nothing.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
