using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Referrals;

/// <summary>A supporting file: name and content encrypted under the referral's data key.</summary>
public sealed class ReferralFile
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid ReferralId { get; set; }
    [NotPersonal] public required string ContentType { get; set; }
    [NotPersonal] public long Size { get; set; }
    [DataClass(DataClass.Identity | DataClass.Investigation)] public byte[]? NameEnc { get; set; }
    [DataClass(DataClass.Identity | DataClass.Investigation)] public required byte[] ContentEnc { get; set; }
    [NotPersonal] public DateTimeOffset UploadedAt { get; set; }
}
