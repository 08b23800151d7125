using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Security;

namespace Ariadne.Tests;

public sealed class SecretsTests
{
    [Fact]
    public void Temporary_passwords_meet_the_password_policy_and_differ()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => TemporaryPassword.Create()).ToList();
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.True(p.Length >= 12);
            Assert.Contains(p, char.IsUpper);
            Assert.Contains(p, char.IsLower);
            Assert.Contains(p, char.IsDigit);
            Assert.Contains(p, c => !char.IsLetterOrDigit(c));
            Assert.True(p.Distinct().Count() >= 6);
        });
    }

    [Fact]
    public void Api_token_secrets_are_random_and_only_their_hash_identifies_them()
    {
        var (secret, prefix, hash) = ApiTokenSecrets.Create();
        var (other, _, otherHash) = ApiTokenSecrets.Create();
        Assert.StartsWith(ApiTokenSecrets.Marker, secret, StringComparison.Ordinal);
        Assert.StartsWith(prefix, secret, StringComparison.Ordinal);
        Assert.True(secret.Length > prefix.Length + 30);
        Assert.NotEqual(secret, other);
        Assert.Equal(hash, ApiTokenSecrets.Hash(secret));
        Assert.NotEqual(hash, otherHash);
        Assert.Equal(32, hash.Length);
    }
}
