namespace Ariadne.Web.Features.Referrals;

/// <summary>A supporting file as received, before encryption.</summary>
public sealed record ReferralUpload(string Name, byte[] Content);
