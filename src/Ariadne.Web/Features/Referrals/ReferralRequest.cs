namespace Ariadne.Web.Features.Referrals;

/// <summary>The body of POST /api/v1/referrals: the referral and its supporting files.</summary>
public sealed class ReferralRequest
{
    public ReferralInput? Referral { get; set; }
    public List<FileUpload?> Files { get; set => field = value ?? []; } = [];
}
