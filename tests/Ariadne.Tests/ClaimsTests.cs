using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;

namespace Ariadne.Tests;

/// <summary>The one reading of a session's user and institution claims, used by the viewer, the audit of sign-out and denials, and /me.</summary>
public sealed class ClaimsTests
{
    private static ClaimsPrincipal Principal(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public void The_institution_claim_is_read_as_a_guid_and_a_missing_or_malformed_one_is_null()
    {
        var institution = Guid.NewGuid();
        Assert.Equal(institution, Principal(new Claim(AriadneClaims.InstitutionId, institution.ToString())).InstitutionOf());
        Assert.Null(Principal().InstitutionOf());
        Assert.Null(Principal(new Claim(AriadneClaims.InstitutionId, "not-a-guid")).InstitutionOf());
    }

    [Fact]
    public void A_viewer_is_made_from_the_user_and_institution_claims_and_refused_without_an_institution()
    {
        var (user, institution) = (Guid.NewGuid(), Guid.NewGuid());
        var viewer = Viewer.Of(Principal(new Claim(ClaimTypes.NameIdentifier, user.ToString()), new Claim(AriadneClaims.InstitutionId, institution.ToString()),
            new Claim(ClaimTypes.Role, RoleCatalog.DutyOfficer)));
        Assert.Equal((user, institution, true), (viewer.UserId, viewer.InstitutionId, viewer.OnDutyDesk));
        Assert.Throws<InvalidOperationException>(() => Viewer.Of(Principal(new Claim(ClaimTypes.NameIdentifier, user.ToString()))));
    }
}
