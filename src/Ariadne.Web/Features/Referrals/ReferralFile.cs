namespace Ariadne.Web.Features.Referrals;

/// <summary>A supporting file: name and content encrypted under the referral's data key.</summary>
public sealed class ReferralFile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReferralId { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public byte[]? NameEnc { get; set; }
    public required byte[] ContentEnc { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
