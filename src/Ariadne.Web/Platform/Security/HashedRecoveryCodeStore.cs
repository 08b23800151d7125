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
    // Where Identity keeps the codes (its store's own constants are private).
    private const string CodesProvider = "[AspNetUserStore]";
    private const string CodesName = "RecoveryCodes";

    /// <summary>The first entry of the stored list in the current format: <c>v2;ITERATIONS;SALT;HASH;HASH;…</c>.</summary>
    private const string Version2 = "v2";

    /// <summary>The rounds of the first format (<c>HASH;HASH;…</c>, salted with the user's id), still redeemed until replaced.</summary>
    private const int LegacyIterations = 20_000;

    /// <summary>Asked for only when a factor is read or written: verbs that touch none run without a key ring.</summary>
    private KeyRing Ring => services.GetRequiredService<KeyRing>();

    /// <summary>
    /// A new set of codes (in clear, from Identity's generator), stored as PBKDF2-HMAC-SHA256 hashes under one fresh
    /// 128-bit random salt with <see cref="SecurityOptions.RecoveryCodeIterations"/> rounds (ASVS 6.5.2; 600,000 by
    /// default, Appendix C's floor). The rounds are stored with them, so that a later change of the setting still redeems.
    /// </summary>
    public override Task ReplaceCodesAsync(AriadneUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        var iterations = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.RecoveryCodeIterations;
        var salt = RandomNumberGenerator.GetBytes(16);
        var hashes = recoveryCodes.Select(c => Convert.ToHexString(Derive(c, salt, iterations)));
        var stored = string.Join(';', new[] { Version2, iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), Convert.ToHexString(salt) }.Concat(hashes));
        return base.SetTokenAsync(user, CodesProvider, CodesName, stored, cancellationToken);
    }

    /// <summary>
    /// Redeems one code: found (in fixed time per entry), it is removed and the others stay as they were. Identity's own
    /// redemption would pass the remaining hashes back through <see cref="ReplaceCodesAsync"/>, hashing them again; so
    /// it is not used.
    /// </summary>
    public override async Task<bool> RedeemCodeAsync(AriadneUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var stored = await base.GetTokenAsync(user, CodesProvider, CodesName, cancellationToken);
        if (string.IsNullOrEmpty(stored))
            return false;
        var entries = stored.Split(';');
        int first;
        byte[] candidate;
        if (entries[0] == Version2)
        {
            var salt = new byte[16];
            if (entries.Length < 3 || !int.TryParse(entries[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations)
                || iterations is < 1 or > 10_000_000 || entries[2].Length != 32 || Convert.FromHexString(entries[2], salt, out _, out _) != System.Buffers.OperationStatus.Done)
                return false;
            first = 3;
            candidate = Derive(code, salt, iterations);
        }
        else
        {
            first = 0;
            candidate = Convert.FromHexString(Hash(user, code));
        }
        var match = -1;
        for (var i = first; i < entries.Length; i++)
        {
            var entry = new byte[candidate.Length];
            if (entries[i].Length == candidate.Length * 2 && Convert.FromHexString(entries[i], entry, out _, out _) == System.Buffers.OperationStatus.Done
                && CryptographicOperations.FixedTimeEquals(entry, candidate) && match < 0)
                match = i;
        }
        if (match < 0)
            return false;
        await base.SetTokenAsync(user, CodesProvider, CodesName, string.Join(';', entries.Where((_, i) => i != match)), cancellationToken);
        return true;
    }

    /// <summary>How many codes are left, in either format.</summary>
    public override async Task<int> CountCodesAsync(AriadneUser user, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, CodesProvider, CodesName, cancellationToken);
        if (string.IsNullOrEmpty(stored))
            return 0;
        var entries = stored.Split(';');
        return entries[0] == Version2 ? Math.Max(0, entries.Length - 3) : entries.Length;
    }

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

    /// <summary>The first format's hash: the user's id as salt, <see cref="LegacyIterations"/> rounds.</summary>
    internal static string Hash(AriadneUser user, string code) =>
        Convert.ToHexString(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Normalize(code)), user.Id.ToByteArray(), LegacyIterations, HashAlgorithmName.SHA256, 32));

    private static byte[] Derive(string code, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Normalize(code)), salt, iterations, HashAlgorithmName.SHA256, 32);

    private static string Normalize(string code) => code.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
