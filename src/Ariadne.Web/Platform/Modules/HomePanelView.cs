namespace Ariadne.Web.Platform.Modules;

/// <summary>
/// What a home panel shows: a title (resource key), an optional big number, whether it holds overdue or
/// escalated work (an alert card), at most <see cref="MaxItems"/> items (most urgent first, then newest),
/// an optional primary action and a "see all" link. <see cref="Marker"/> names the card for tests
/// (<c>data-home-panel</c>); <see cref="Order"/> places it (lower first).
/// </summary>
public sealed record HomePanelView(string TitleKey, IReadOnlyList<HomePanelItem> Items, string Marker, int Order = 100)
{
    /// <summary>How many items a card lists; the rest are behind "see all".</summary>
    public const int MaxItems = 5;

    public int? Count { get; init; }

    /// <summary>The words under the big number (resource key), e.g. "waiting for acknowledgement".</summary>
    public string? CountKey { get; init; }

    public bool Alert { get; init; }

    public HomeLink? Action { get; init; }

    public HomeLink? SeeAll { get; init; }

    /// <summary>A line when there is nothing to do (resource key).</summary>
    public string? EmptyKey { get; init; }
}
