using System.Security.Claims;

namespace Ariadne.Web.Platform.Modules;

/// <summary>
/// A link in the navigation: the Razor page it opens (by page name, for <c>asp-page</c>), the resource
/// key of its text, its place (lower first), who sees it, and where it shows: the main navigation for
/// the work, the account menu for the person's own settings (sign-in, tokens), or the Coordination page.
/// <see cref="HintKey"/> is the line that says what the page is for where links are listed as cards.
/// A link that <see cref="Gathers"/> an area shows only when at least one of that area's links shows.
/// Showing a link grants nothing: each page still authorizes on its own.
/// </summary>
public sealed record NavigationEntry(string Page, string TextKey, int Order, Func<ClaimsPrincipal, bool> Shows,
    NavigationArea Area = NavigationArea.Main, string? HintKey = null, NavigationArea? Gathers = null);
