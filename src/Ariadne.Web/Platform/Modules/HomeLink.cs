namespace Ariadne.Web.Platform.Modules;

/// <summary>A link on a home panel: the page name (for <c>asp-page</c>) and the resource key of its text.</summary>
public sealed record HomeLink(string Page, string TextKey);
