namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// A node of a link chart. <paramref name="Hidden"/>: a connection exists to something the viewer may not see
/// ("ask the owner"); its <paramref name="Label"/> is then a generic text the caller gives, never data, and its
/// <paramref name="Detail"/> is never drawn. <paramref name="Depth"/>: hops from the focus (0 = the focus).
/// <paramref name="Href"/>: a page of this site (a path starting with "/"); anything else is not linked.
/// </summary>
public sealed record GraphNode(string Id, GraphNodeKind Kind, string Label, string? Detail, string? Href, bool Hidden, int Depth);
