namespace Ariadne.Web.Platform.Api;

/// <summary>What an API token may be used for. A token never carries more than its owner's roles allow.</summary>
public static class ApiScopes
{
    public const string Profile = "profile";
    public const string AdminRead = "admin.read";
    public const string AdminWrite = "admin.write";
    public const string CasesRead = "cases.read";
    public const string CasesWrite = "cases.write";
    public const string ReferralsRead = "referrals.read";
    public const string ReferralsWrite = "referrals.write";

    public static IReadOnlyList<string> All { get; } = [Profile, AdminRead, AdminWrite, CasesRead, CasesWrite, ReferralsRead, ReferralsWrite];

    public const string ClaimType = "scope";
}
