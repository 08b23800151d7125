using System.Net;
using System.Security.Claims;
using Ariadne.Web.Platform.Crypto;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// The contextual rules of sign-in and session (ASVS 8.2.4, documented in docs/asvs.md "Contextual attributes"): which roles are
/// privileged, from which networks they may work (<c>Security:PrivilegedNetworks</c>; anywhere when unset), and the keyed
/// network a session is bound to.
/// </summary>
public sealed class SignInContextRules
{
    private readonly IReadOnlyList<string> _roles;
    private readonly IReadOnlyList<System.Net.IPNetwork> _networks;
    private readonly BlindIndex _index;

    public SignInContextRules(IOptions<SecurityOptions> options, BlindIndex index)
    {
        _index = index;
        _roles = options.Value.PrivilegedRoles ?? SecurityOptions.DefaultPrivilegedRoles;
        _networks = [.. (options.Value.PrivilegedNetworks ?? []).Select(Parse)];
    }

    /// <summary>A CIDR such as "10.20.0.0/16"; a wrong one stops the start with the setting's name, never a stack of the value.</summary>
    public static System.Net.IPNetwork Parse(string cidr) =>
        System.Net.IPNetwork.TryParse(cidr.Trim(), out var network)
            ? network
            : throw new InvalidOperationException("Security:PrivilegedNetworks holds an entry that is not a network in CIDR notation (e.g. 10.20.0.0/16).");

    /// <summary>Whether <c>Security:PrivilegedNetworks</c> is set: then any address inside them is the session's network.</summary>
    public bool HasNetworks => _networks.Count > 0;

    public bool IsPrivileged(IEnumerable<string> roles) => roles.Any(r => _roles.Contains(r, StringComparer.Ordinal));

    public bool IsPrivileged(ClaimsPrincipal user) => _roles.Any(user.IsInRole);

    /// <summary>Whether a privileged user may work from this address: always when no networks are set.</summary>
    public bool AllowsPrivileged(IPAddress? address)
    {
        if (_networks.Count == 0)
            return true;
        if (address is null)
            return false;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return _networks.Any(n => n.Contains(address));
    }

    /// <summary>The keyed hash of the address's network, carried by the session as <see cref="AriadneClaims.Network"/>.</summary>
    public string SessionNetwork(IPAddress? address) => _index.Key("session-network", ClientContext.Network(address))!;
}
