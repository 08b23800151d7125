using System.Text.Json;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// A referral's encrypted fields under the referral's own data key: what the referrer submitted (one JSON
/// document) and each supporting file's name and content. The columns are declared encrypted in
/// <see cref="ReferralConfiguration"/> and <see cref="ReferralFileConfiguration"/>.
/// </summary>
public static class ReferralVault
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void SealContent(AriadneDbContext db, Referral referral, ReferralContent content, byte[] key) =>
        referral.ContentEnc = db.Seal(referral, r => r.ContentEnc, JsonSerializer.Serialize(content, Json), key, referral.DataKeyId);

    public static ReferralContent OpenContent(AriadneDbContext db, Referral referral, byte[] key) =>
        OpenContent(db, referral.Id, referral.ContentEnc, referral.DataKeyId, key);

    /// <summary>The content as a projection read it (no entity at hand).</summary>
    public static ReferralContent OpenContent(AriadneDbContext db, Guid referralId, byte[]? contentEnc, Guid dataKeyId, byte[] key) =>
        JsonSerializer.Deserialize<ReferralContent>(db.Open<Referral>(r => r.ContentEnc, contentEnc, referralId, key, dataKeyId) ?? "{}", Json)!;

    public static void SealFile(AriadneDbContext db, ReferralFile file, string name, byte[] content, byte[] key, Guid dataKeyId)
    {
        file.NameEnc = db.Seal(file, f => f.NameEnc, name, key, dataKeyId);
        file.ContentEnc = db.SealBytes(file, f => f.ContentEnc, content, key, dataKeyId);
    }

    public static string? OpenFileName(AriadneDbContext db, Guid fileId, byte[]? nameEnc, byte[] key, Guid dataKeyId) =>
        db.Open<ReferralFile>(f => f.NameEnc, nameEnc, fileId, key, dataKeyId);

    public static byte[] OpenFileContent(AriadneDbContext db, ReferralFile file, byte[] key, Guid dataKeyId) =>
        db.OpenBytes<ReferralFile>(f => f.ContentEnc, file.ContentEnc, file.Id, key, dataKeyId);
}
