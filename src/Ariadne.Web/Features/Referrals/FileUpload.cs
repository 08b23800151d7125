namespace Ariadne.Web.Features.Referrals;

/// <summary>A supporting file sent with a referral through the API: its name and its content in base64.</summary>
public sealed record FileUpload(string? Name, string? Content);
