using System.Security.Claims;

namespace Ariadne.Web.Platform.Modules;

/// <summary>
/// A link in the navigation: the Razor page it opens (by page name, for <c>asp-page</c>), the resource
/// key of its text, its place (lower first), who sees it, and where it shows: the main navigation for
/// the work, the account menu for the person's own settings (sign-in, tokens). Showing a link grants
/// nothing: each page still authorizes on its own.
/// </summary>
public sealed record NavigationEntry(string Page, string TextKey, int Order, Func<ClaimsPrincipal, bool> Shows,
    NavigationArea Area = NavigationArea.Main);
