namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// One edge of a link chart as a table row, the accessible alternative to the picture. <see cref="Depth"/> is the
/// depth of the farther end; <see cref="Hidden"/> when the edge or either end is hidden ("ask the owner"), and then
/// the hidden end's label is the caller's generic text.
/// </summary>
public sealed record GraphTableRow(
    string FromLabel, GraphNodeKind FromKind, string? FromHref,
    string LinkLabel,
    string ToLabel, GraphNodeKind ToKind, string? ToHref,
    int Depth, bool Hidden);
