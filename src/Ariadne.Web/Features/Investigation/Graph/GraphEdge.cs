namespace Ariadne.Web.Features.Investigation;

/// <summary>An edge of a link chart between two <see cref="GraphNode.Id"/>s; <paramref name="Hidden"/> draws it dashed and grey.</summary>
public sealed record GraphEdge(string From, string To, string Label, bool Hidden);
