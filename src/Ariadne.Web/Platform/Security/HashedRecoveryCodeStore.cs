using System.Security.Cryptography;
using System.Text;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Identity's user store, except that the second factors are not stored usable: recovery codes as salted PBKDF2
/// hashes, the authenticator seed and each passkey's public key sealed with the key ring (<see cref="FactorSeal"/>).
/// A copy of the database does not hand out second factors, and a write to it does not add one.
/// </summary>
public sealed class HashedRecoveryCodeStore(AriadneDbContext context, IServiceProvider services, IdentityErrorDescriber? describer = null)
    : UserStore<AriadneUser, IdentityRole<Guid>, AriadneDbContext, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>,
        IdentityUserLogin<Guid>, IdentityUserToken<Guid>, IdentityRoleClaim<Guid>, IdentityUserPasskey<Guid>>(context, describer)
{
    private const int Iterations = 20_000;

    /// <summary>Asked for only when a factor is read or written: verbs that touch none run without a key ring.</summary>
    private KeyRing Ring => services.GetRequiredService<KeyRing>();

    public override Task ReplaceCodesAsync(AriadneUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(c => Hash(user, c)).ToList(), cancellationToken);

    public override Task<bool> RedeemCodeAsync(AriadneUser user, string code, CancellationToken cancellationToken) =>
        base.RedeemCodeAsync(user, Hash(user, code), cancellationToken);

    /// <summary>The authenticator seed, and a replacement being enrolled, are sealed; other tokens are stored as Identity stores them.</summary>
    public override Task SetTokenAsync(AriadneUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name,
            value is not null && SealPurpose(loginProvider, name) is { } purpose ? FactorSeal.SealText(Ring, purpose, user.Id, value) : value, cancellationToken);

    /// <summary>A sealed token opened; null (no authenticator) when what is stored does not open for this account.</summary>
    public override async Task<string?> GetTokenAsync(AriadneUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return stored is not null && SealPurpose(loginProvider, name) is { } purpose ? FactorSeal.OpenText(Ring, purpose, user.Id, stored) : stored;
    }

    private static string? SealPurpose(string loginProvider, string name) => (loginProvider, name) switch
    {
        (FactorSeal.TokenProvider, FactorSeal.TokenName) => FactorSeal.Totp,
        (FactorSeal.PendingTokenProvider, FactorSeal.PendingTokenName) => FactorSeal.PendingTotp,
        _ => null,
    };

    public override Task AddOrUpdatePasskeyAsync(AriadneUser user, UserPasskeyInfo passkey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(passkey);
        return base.AddOrUpdatePasskeyAsync(user, WithKey(passkey, FactorSeal.Seal(Ring, FactorSeal.Passkey, user.Id, passkey.CredentialId, passkey.PublicKey)),
            cancellationToken);
    }

    /// <summary>The passkey with its public key opened; null, so the assertion fails, when the stored key does not open for this account and credential.</summary>
    public override async Task<UserPasskeyInfo?> FindPasskeyAsync(AriadneUser user, byte[] credentialId, CancellationToken cancellationToken) =>
        await base.FindPasskeyAsync(user, credentialId, cancellationToken) is { } stored
        && FactorSeal.Open(Ring, FactorSeal.Passkey, user.Id, stored.CredentialId, stored.PublicKey) is { } key
            ? WithKey(stored, key)
            : null;

    /// <summary>
    /// Every passkey of the account, for listing and removal: one whose key does not open is still listed (with no key),
    /// so that its owner sees it and can remove it, but it never signs in (<see cref="FindPasskeyAsync"/>).
    /// </summary>
    public override async Task<IList<UserPasskeyInfo>> GetPasskeysAsync(AriadneUser user, CancellationToken cancellationToken) =>
        (await base.GetPasskeysAsync(user, cancellationToken))
        .Select(p => WithKey(p, FactorSeal.Open(Ring, FactorSeal.Passkey, user.Id, p.CredentialId, p.PublicKey) ?? []))
        .ToList();

    private static UserPasskeyInfo WithKey(UserPasskeyInfo p, byte[] publicKey) =>
        new(p.CredentialId, publicKey, p.CreatedAt, p.SignCount, p.Transports, p.IsUserVerified, p.IsBackupEligible, p.IsBackedUp,
            p.AttestationObject, p.ClientDataJson)
        { Name = p.Name };

    internal static string Hash(AriadneUser user, string code)
    {
        var normalized = code.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var digest = Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(normalized), user.Id.ToByteArray(), Iterations, HashAlgorithmName.SHA256, 32);
        return Convert.ToHexString(digest);
    }
}
