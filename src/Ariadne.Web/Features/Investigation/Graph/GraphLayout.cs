namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// A rendered link chart: the SVG, how many distinct nodes it was given and how many it draws. When
/// <see cref="Truncated"/>, the chart holds the first <see cref="GraphSvg.MaxNodes"/> nodes by (depth, kind, id)
/// and the caller should say so and offer the next page.
/// </summary>
public sealed record GraphLayout(string Svg, int NodesShown, int NodesTotal, int EdgesShown)
{
    public bool Truncated => NodesShown < NodesTotal;
}
