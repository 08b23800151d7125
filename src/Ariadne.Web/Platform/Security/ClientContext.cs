using System.Net;
using System.Net.Sockets;

namespace Ariadne.Web.Platform.Security;

/// <summary>The coarse context of a request, as compared between sign-ins: the client's network and its device family.</summary>
public static class ClientContext
{
    /// <summary>The network the address is in: IPv4 /24 or IPv6 /48 (an IPv4-mapped address counts as IPv4); "none" without one.</summary>
    public static string Network(IPAddress? address)
    {
        if (address is null)
            return "none";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return new IPAddress(bytes) + "/24";
        }
        Array.Clear(bytes, 6, bytes.Length - 6);
        return new IPAddress(bytes) + "/48";
    }

    /// <summary>The browser and system family of a user-agent string ("firefox/windows"): what changes with a new device, not with an update.</summary>
    public static string Device(string? userAgent)
    {
        var ua = userAgent ?? "";
        bool Has(string s) => ua.Contains(s, StringComparison.OrdinalIgnoreCase);
        var browser = Has("Edg/") ? "edge" : Has("OPR/") ? "opera" : Has("Firefox/") ? "firefox"
            : Has("Chrome/") || Has("Chromium/") || Has("CriOS/") ? "chrome" : Has("Safari/") ? "safari" : "other";
        var system = Has("Android") ? "android" : Has("iPhone") || Has("iPad") ? "ios" : Has("Windows") ? "windows"
            : Has("Mac OS X") || Has("Macintosh") ? "mac" : Has("CrOS") ? "chromeos" : Has("Linux") ? "linux" : "other";
        return browser + "/" + system;
    }
}
