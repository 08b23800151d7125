using System.Security.Cryptography;
using System.Text;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Identity's user store, except that recovery codes are stored as salted PBKDF2 hashes instead of
/// in clear: a copy of the database does not hand out second factors.
/// </summary>
public sealed class HashedRecoveryCodeStore(AriadneDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AriadneUser, IdentityRole<Guid>, AriadneDbContext, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>,
        IdentityUserLogin<Guid>, IdentityUserToken<Guid>, IdentityRoleClaim<Guid>, IdentityUserPasskey<Guid>>(context, describer)
{
    private const int Iterations = 20_000;

    public override Task ReplaceCodesAsync(AriadneUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(c => Hash(user, c)).ToList(), cancellationToken);

    public override Task<bool> RedeemCodeAsync(AriadneUser user, string code, CancellationToken cancellationToken) =>
        base.RedeemCodeAsync(user, Hash(user, code), cancellationToken);

    internal static string Hash(AriadneUser user, string code)
    {
        var normalized = code.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var digest = Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(normalized), user.Id.ToByteArray(), Iterations, HashAlgorithmName.SHA256, 32);
        return Convert.ToHexString(digest);
    }
}
