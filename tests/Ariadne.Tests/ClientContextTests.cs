using System.Net;
using Ariadne.Web.Platform.Security;

namespace Ariadne.Tests;

/// <summary>What counts as the same sign-in context (ASVS 6.3.5, 8.2.4), and the settings of the privileged networks.</summary>
public sealed class ClientContextTests
{
    [Theory]
    [InlineData("198.51.100.7", "198.51.100.0/24")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.0/24")]
    [InlineData("2001:db8:abcd:12::1", "2001:db8:abcd::/48")]
    [InlineData("127.0.0.1", "127.0.0.0/24")]
    public void A_network_is_the_addresss_slash_24_or_slash_48(string address, string network) =>
        Assert.Equal(network, ClientContext.Network(IPAddress.Parse(address)));

    [Fact]
    public void No_address_is_one_network_of_its_own() => Assert.Equal("none", ClientContext.Network(null));

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "firefox/windows")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "edge/windows")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "chrome/android")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "safari/ios")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "safari/mac")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "chrome/linux")]
    [InlineData("curl/8.5.0", "other/other")]
    [InlineData(null, "other/other")]
    public void A_device_is_its_browser_and_system_family_not_its_version(string? userAgent, string device) =>
        Assert.Equal(device, ClientContext.Device(userAgent));

    [Theory]
    [InlineData("10.20.0.0/16", true)]
    [InlineData(" 2001:db8::/32 ", true)]
    [InlineData("10.20.0.0/33", false)]
    [InlineData("office", false)]
    public void Privileged_networks_must_be_in_CIDR_notation(string network, bool valid)
    {
        var result = new SecurityOptionsValidation().Validate(null, new SecurityOptions { PrivilegedNetworks = [network] });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
            Assert.Contains("Security:PrivilegedNetworks", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Privileged_roles_must_be_roles_of_the_catalogue()
    {
        Assert.True(new SecurityOptionsValidation().Validate(null, new SecurityOptions { PrivilegedRoles = ["Administrator", "Coordinator"] }).Succeeded);
        Assert.False(new SecurityOptionsValidation().Validate(null, new SecurityOptions { PrivilegedRoles = ["Admin"] }).Succeeded);
    }
}
