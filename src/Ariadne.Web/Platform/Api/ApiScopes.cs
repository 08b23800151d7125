using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Platform.Api;

/// <summary>What an API token may be used for. A token never carries more than its owner's roles allow.</summary>
public static class ApiScopes
{
    public const string Profile = "profile";

    /// <summary>The platform's own scopes; the modules add theirs through their contract (see ModuleCatalog.ApiScopes).</summary>
    public static IReadOnlyList<ApiScope> Platform { get; } = [new(Profile, _ => true)];

    public const string ClaimType = "scope";
}
