using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ariadne.Web.Platform.Crypto;

namespace Ariadne.Tests;

/// <summary>The audit signing key rotates (ASVS 11.2.2): retired keys verify only what they signed before their retirement.</summary>
public sealed class KeyRingTests : IDisposable
{
    private static readonly DateTimeOffset Made = new(2025, 1, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Rotated = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ariadne-ring-test-{Guid.NewGuid():N}.json");

    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly byte[] Statement = Encoding.UTF8.GetBytes("ariadne-audit-checkpoint/v2\n10\nAB\n1\n");

    [Fact]
    public void A_retired_key_verifies_what_it_signed_before_its_retirement_and_nothing_it_signs_later()
    {
        var ring = KeyRing.Create(new At(Made), null);
        var old = ring.AuditSigningKeyId;
        var oldSignature = ring.AuditSigningKey.SignData(Statement, HashAlgorithmName.SHA256);
        var macBefore = ring.AuditMacKey;

        var current = ring.RotateSigningKey(new At(Rotated));

        Assert.NotEqual(old, current);
        Assert.Equal(Rotated, ring.AuditSigningKeySince);
        Assert.Equal(macBefore, ring.AuditMacKey);
        Assert.True(ring.VerifySigned(old, Rotated.AddDays(-30), Statement, oldSignature));
        Assert.True(ring.VerifySigned(old, Rotated.AddTicks(-1), Statement, oldSignature));
        Assert.False(ring.VerifySigned(old, Rotated, Statement, oldSignature)); // dated at or after the retirement: a stolen old key's forgery
        Assert.False(ring.VerifySigned(current, Rotated, Statement, oldSignature)); // the signature is not the new key's
        Assert.False(ring.VerifySigned(null, Rotated, Statement, oldSignature));
        Assert.False(ring.VerifySigned("0123", Rotated, Statement, oldSignature));
        Assert.Equal((0, 1, -1), (ring.SigningKeyRank(old), ring.SigningKeyRank(current), ring.SigningKeyRank("0123")));
        var newSignature = ring.AuditSigningKey.SignData(Statement, HashAlgorithmName.SHA256);
        Assert.True(ring.VerifySigned(current, Rotated.AddYears(1), Statement, newSignature));
        Assert.False(ring.VerifySigned(current, Rotated, Encoding.UTF8.GetBytes("another statement"), newSignature));
    }

    [Fact]
    public void The_ring_file_keeps_the_retired_keys_public_part_only_the_mac_key_and_the_keys_age()
    {
        var ring = KeyRing.Create(new At(Made), _file);
        var old = ring.AuditSigningKeyId;
        var oldSignature = ring.AuditSigningKey.SignData(Statement, HashAlgorithmName.SHA256);
        var oldPrivate = ring.AuditSigningKey.ExportPkcs8PrivateKeyPem();
        var mac = ring.AuditMacKey;
        ring.RotateSigningKey(new At(Rotated));
        ring.Save(_file);

        var text = File.ReadAllText(_file);
        Assert.DoesNotContain(oldPrivate, text, StringComparison.Ordinal);
        var loaded = KeyRing.Load(_file, fileOnly: true)!;
        Assert.Equal(ring.AuditSigningKeyId, loaded.AuditSigningKeyId);
        Assert.Equal(Rotated, loaded.AuditSigningKeySince);
        Assert.Equal(mac, loaded.AuditMacKey);
        var retired = Assert.Single(loaded.RetiredSigningKeys);
        Assert.Equal((old, Rotated), (retired.KeyId, retired.RetiredAt));
        Assert.True(loaded.VerifySigned(old, Made, Statement, oldSignature));

        // A retired key swapped for another one under the old id is refused when the ring is read.
        var json = JsonNode.Parse(text)!;
        json["retiredSigningKeys"]![0]!["publicKey"] = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfoPem();
        File.WriteAllText(_file, json.ToJsonString());
        Assert.Throws<CryptographicException>(() => KeyRing.Load(_file, fileOnly: true));
    }

    [Fact]
    public void The_mac_key_stays_in_the_file_once_pinned_and_a_ring_with_retired_keys_but_no_mac_key_is_refused()
    {
        var ring = KeyRing.Create(new At(Made), _file);
        var mac = ring.AuditMacKey;
        ring.RotateSigningKey(new At(Rotated));
        ring.Save(_file);

        // The operator prunes the retired keys; a later save (e.g. by keys rotate) must still keep the MAC key.
        var json = JsonNode.Parse(File.ReadAllText(_file))!;
        json["retiredSigningKeys"] = new JsonArray();
        File.WriteAllText(_file, json.ToJsonString());
        var pruned = KeyRing.Load(_file, fileOnly: true)!;
        pruned.Save(_file);
        Assert.Equal(mac, KeyRing.Load(_file, fileOnly: true)!.AuditMacKey);

        // Retired keys without the MAC key: every event's MAC would fail, so the ring is refused rather than used.
        ring.Save(_file);
        json = JsonNode.Parse(File.ReadAllText(_file))!;
        json.AsObject().Remove("auditMacKey");
        File.WriteAllText(_file, json.ToJsonString());
        Assert.Throws<CryptographicException>(() => KeyRing.Load(_file, fileOnly: true));
    }

    [Fact]
    public void A_ring_written_before_rotation_existed_still_loads_with_its_mac_key_derived_as_before()
    {
        var ring = KeyRing.Create(new At(Made), _file);
        ring.Save(_file);
        var json = JsonNode.Parse(File.ReadAllText(_file))!.AsObject();
        json.Remove("auditSigningKeySince");
        json.Remove("auditMacKey");
        json.Remove("retiredSigningKeys");
        File.WriteAllText(_file, json.ToJsonString());

        var loaded = KeyRing.Load(_file, fileOnly: true)!;
        Assert.Null(loaded.AuditSigningKeySince);
        Assert.Empty(loaded.RetiredSigningKeys);
        Assert.Equal(ring.AuditMacKey, loaded.AuditMacKey);
    }

    [Theory]
    [InlineData("mk-20251231235959-a1b2c3", "2025-12-31T23:59:59+00:00")]
    [InlineData("mk-2025", null)]
    [InlineData("legacy-key", null)]
    [InlineData("mk-20251399000000-a1b2c3", null)]
    public void A_master_keys_age_is_read_from_its_id(string id, string? expected) =>
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), KeyRing.MasterKeySince(id));

    public void Dispose() => File.Delete(_file);
}
