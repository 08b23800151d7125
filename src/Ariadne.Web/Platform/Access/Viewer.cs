using System.Security.Claims;
using Ariadne.Web.Platform.Security;

namespace Ariadne.Web.Platform.Access;

/// <summary>
/// Who is asking: the user, their institution, the relations their roles can hold there, and whether
/// they staff the Squad's duty desk (which receives every referral addressed to their Squad).
/// </summary>
public sealed record Viewer(Guid UserId, Guid InstitutionId, IReadOnlyList<Relation> InstitutionRelations, bool OnDutyDesk = false)
{
    /// <summary>The roles that staff the duty desk: they receive, acknowledge and dispatch referrals.</summary>
    public static readonly string[] DutyDeskRoles = [Platform.Participants.RoleCatalog.DutyOfficer, Platform.Participants.RoleCatalog.SquadChief];

    public static Viewer Of(ClaimsPrincipal user)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return new(
            user.UserId() ?? throw new InvalidOperationException("No signed-in user."),
            user.InstitutionOf() ?? throw new InvalidOperationException("No institution."),
            AccessMatrix.RelationsFor(roles),
            roles.Any(DutyDeskRoles.Contains));
    }
}
