using System.Security.Claims;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Security;

/// <summary>Adds the institution, the display name and the pending password change to the principal.</summary>
public sealed class AriadneClaimsFactory(
    UserManager<AriadneUser> userManager, RoleManager<IdentityRole<Guid>> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AriadneUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AriadneUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AriadneClaims.InstitutionId, user.InstitutionId.ToString()));
        identity.AddClaim(new Claim(AriadneClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
            identity.AddClaim(new Claim(AriadneClaims.MustChangePassword, "1"));
        return identity;
    }
}
