namespace Ariadne.Web.Platform.Modules;

/// <summary>
/// One line of a home panel: its text (a resource key and its arguments, or text already localized),
/// an optional link (page name for <c>asp-page</c> and the route id), a deadline shown with
/// <c>&lt;when deadline="true"&gt;</c>, an urgency shown in colour, icon and words, and an optional tag (resource key).
/// </summary>
public sealed record HomePanelItem(HomeText Text)
{
    public string? Page { get; init; }
    public Guid? RouteId { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public HomeUrgency? Urgency { get; init; }
    public HomeText? Tag { get; init; }
}
