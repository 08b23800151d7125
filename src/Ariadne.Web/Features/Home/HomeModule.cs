using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.Home;

/// <summary>
/// The shell's own pages, which sit at the root of Features (Index, Notifications, Status, Preferences, the
/// shared layout): they use only the platform. This module gives them their navigation entries.
/// </summary>
public sealed class HomeModule : AriadneModule
{
    public override IEnumerable<NavigationEntry> Navigation =>
    [
        new("/Index", "Nav_Home", 0, _ => true),
        new("/Notifications", "Nav_Notifications", 60, _ => true),
    ];
}
