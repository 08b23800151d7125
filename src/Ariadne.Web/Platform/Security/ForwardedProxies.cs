using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Which reverse proxies may tell the client's address and scheme (X-Forwarded-For, X-Forwarded-Proto):
/// only those named in <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c>
/// (CIDR ranges), and none when neither is set. ASP.NET's default trusts any loopback client, and with both
/// lists empty its middleware would trust every client, so then forwarded headers are switched off altogether.
/// The sign-in rate limit partitions on the address this yields.
/// </summary>
public static class ForwardedProxies
{
    public const string Section = "ForwardedHeaders";

    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in Entries(configuration.GetSection(Section + ":KnownProxies")))
            options.KnownProxies.Add(IPAddress.TryParse(entry, out var address)
                ? address
                : throw Invalid("KnownProxies", entry));
        foreach (var entry in Entries(configuration.GetSection(Section + ":KnownNetworks")))
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(entry, out var network)
                ? network
                : throw Invalid("KnownNetworks", entry));
        options.ForwardedHeaders = options.KnownProxies.Count + options.KnownIPNetworks.Count > 0
            ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
            : ForwardedHeaders.None;
    }

    /// <summary>A list (<c>KnownProxies:0</c>, <c>:1</c> …) or one value separated by commas, as an environment variable gives it.</summary>
    public static IEnumerable<string> Entries(IConfigurationSection section)
    {
        var values = section.GetChildren().Any() ? section.GetChildren().Select(c => c.Value ?? "") : [section.Value ?? ""];
        return values.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static InvalidOperationException Invalid(string setting, string entry) =>
        new($"Ariadne refuses to start: {Section}:{setting} holds '{entry}', which is not an IP address{(setting == "KnownNetworks" ? " range in CIDR form (10.0.0.0/8)" : "")}.");
}
