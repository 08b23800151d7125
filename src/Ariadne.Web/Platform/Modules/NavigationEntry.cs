using System.Security.Claims;

namespace Ariadne.Web.Platform.Modules;

/// <summary>
/// A link in the navigation bar: the Razor page it opens (by page name, for <c>asp-page</c>), the resource
/// key of its text, its place (lower first) and who sees it. Showing a link grants nothing: each page
/// still authorizes on its own.
/// </summary>
public sealed record NavigationEntry(string Page, string TextKey, int Order, Func<ClaimsPrincipal, bool> Shows);
