using System.Globalization;
using System.Text;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// A link chart drawn on the server as SVG, without JavaScript: the focus in the centre, each further hop on a ring
/// around it, the nodes of a ring spread evenly by angle (the first ring in (kind, id) order, further rings near the inner
/// nodes they are linked to); which nodes are drawn under the cap goes by (depth, kind, id). The same input gives the
/// same picture byte for byte. Each kind has its own shape, colour and letter (meaning never by colour alone);
/// a hidden node ("ask the owner") is a dashed grey outline with a drawn lock. Every text is XML-escaped; the SVG
/// holds no script, no event handler, no foreignObject, no style element or attribute (the site's CSP) and no
/// external reference: links go only to paths of this site.
/// </summary>
/// <remarks>
/// The root carries <c>role="group"</c> named by its title and description (not <c>role="img"</c>: an image may not
/// hold the links to the nodes' pages, axe's nested-interactive); the links serve keyboard and pointer users, and
/// <see cref="Table"/> is the alternative that screen reader users navigate: show both.
/// </remarks>
public static class GraphSvg
{
    /// <summary>At most this many nodes are drawn; the caller pages beyond (see <see cref="GraphLayout.Truncated"/>).</summary>
    public const int MaxNodes = 150;

    /// <summary>Labels are cut to this many characters (text elements), with an ellipsis; the full text is in the node's title.</summary>
    public const int MaxLabel = 20;

    private const int MaxEdgeLabel = 16;
    private const double RingGap = 130;
    private const double Spacing = 110; // along a ring, between node centres: room for a cut label
    private const double NodeRadius = 20;
    private const double FocusRadius = 28;
    private const double LabelHalfWidth = 64;
    private const double LegendRow = 24;
    private const double Margin = 16;
    private const string HiddenStroke = "#6b7280";
    private const string HiddenFill = "#f3f4f6";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The chart's SVG (see <see cref="Layout"/>).</summary>
    public static string Render(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges, string title, string description,
        Func<GraphNodeKind, string>? kindName = null) =>
        Layout(nodes, edges, title, description, kindName).Svg;

    /// <summary>
    /// Lays out and draws the chart. Nodes with a repeated id count once (the first); edges to a node not drawn,
    /// loops and repeated edges are left out. <paramref name="kindName"/> names the kinds in the legend and the
    /// nodes' titles (the page passes its translations); without it, the enum names.
    /// </summary>
    public static GraphLayout Layout(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges, string title, string description,
        Func<GraphNodeKind, string>? kindName = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        kindName ??= static k => k.ToString();
        var (shown, total) = Select(nodes);
        var drawnEdges = SelectEdges(shown, edges);
        var positions = Place(shown, drawnEdges);

        var prefix = "lc" + StableHash(title, shown);
        var svg = new StringBuilder(4096 + (shown.Count * 600));

        // The extent: every node with its label, then the legend below.
        double minX = -FocusRadius - Margin, maxX = FocusRadius + Margin, minY = -FocusRadius - Margin, maxY = FocusRadius + Margin;
        foreach (var node in shown)
        {
            var (x, y, r) = positions[node.Id];
            minX = Math.Min(minX, x - Math.Max(r, LabelHalfWidth) - Margin);
            maxX = Math.Max(maxX, x + Math.Max(r, LabelHalfWidth) + Margin);
            minY = Math.Min(minY, y - r - Margin);
            maxY = Math.Max(maxY, y + r + 18 + Margin);
        }

        var kinds = shown.Where(n => !n.Hidden).Select(n => n.Kind).Distinct().Order().ToList();
        var hiddenPresent = shown.Any(n => n.Hidden);
        var legendTop = maxY;
        var legendRows = kinds.Count + (hiddenPresent ? 1 : 0);
        maxY += (legendRows * LegendRow) + (legendRows > 0 ? Margin : 0);
        maxX = Math.Max(maxX, minX + 240);

        var vx = Math.Floor(minX);
        var vy = Math.Floor(minY);
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"")
            .Append(F(vx)).Append(' ').Append(F(vy)).Append(' ')
            .Append(F(Math.Ceiling(maxX) - vx)).Append(' ').Append(F(Math.Ceiling(maxY) - vy))
            .Append("\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" class=\"link-chart\" role=\"group\" aria-labelledby=\"")
            .Append(prefix).Append("-title ").Append(prefix).Append("-desc\">");
        svg.Append("<title id=\"").Append(prefix).Append("-title\">").Append(Escape(title)).Append("</title>");
        svg.Append("<desc id=\"").Append(prefix).Append("-desc\">").Append(Escape(description)).Append("</desc>");

        svg.Append("<g class=\"edges\">");
        foreach (var edge in drawnEdges)
        {
            var (x1, y1, _) = positions[edge.From];
            var (x2, y2, _) = positions[edge.To];
            var hidden = edge.Hidden || Hidden(shown, edge.From) || Hidden(shown, edge.To);
            svg.Append("<g><line x1=\"").Append(F(x1)).Append("\" y1=\"").Append(F(y1))
                .Append("\" x2=\"").Append(F(x2)).Append("\" y2=\"").Append(F(y2))
                .Append("\" stroke=\"").Append(hidden ? HiddenStroke : "#4b5563").Append("\" stroke-width=\"1.5\"");
            if (hidden)
                svg.Append(" stroke-dasharray=\"6 4\"");
            svg.Append("><title>").Append(Escape(Clean(edge.Label))).Append("</title></line>");
            var label = Truncate(edge.Label, MaxEdgeLabel);
            if (label.Length > 0)
            {
                svg.Append("<text x=\"").Append(F((x1 + x2) / 2)).Append("\" y=\"").Append(F(((y1 + y2) / 2) - 3))
                    .Append("\" font-size=\"10\" font-family=\"sans-serif\" text-anchor=\"middle\" fill=\"#374151\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">")
                    .Append(Escape(label)).Append("</text>");
            }

            svg.Append("</g>");
        }

        svg.Append("</g><g class=\"nodes\">");
        foreach (var node in shown)
        {
            var (x, y, r) = positions[node.Id];
            var href = node.Href is { } h ? SafeHref(h) : null;
            var fullTitle = node.Hidden || string.IsNullOrWhiteSpace(node.Detail)
                ? $"{Clean(node.Label)} ({kindName(node.Kind)})"
                : $"{Clean(node.Label)} ({kindName(node.Kind)}): {Clean(node.Detail)}";
            if (href is not null)
                svg.Append("<a href=\"").Append(Escape(href)).Append("\" tabindex=\"0\">");
            svg.Append("<g class=\"node").Append(node.Hidden ? " node-hidden" : "").Append("\"><title>").Append(Escape(fullTitle)).Append("</title>");
            AppendSymbol(svg, node.Kind, node.Hidden, x, y, r, focus: Math.Max(0, node.Depth) == 0);
            svg.Append("<text x=\"").Append(F(x)).Append("\" y=\"").Append(F(y + r + 14))
                .Append("\" font-size=\"11\" font-family=\"sans-serif\" text-anchor=\"middle\" fill=\"#111827\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">")
                .Append(Escape(Truncate(node.Label, MaxLabel))).Append("</text></g>");
            if (href is not null)
                svg.Append("</a>");
        }

        svg.Append("</g>");

        if (legendRows > 0)
        {
            svg.Append("<g class=\"legend\">");
            var ly = legendTop + (LegendRow / 2);
            foreach (var kind in kinds)
            {
                AppendLegendRow(svg, kind, hidden: false, minX + Margin + 10, ly, kindName(kind));
                ly += LegendRow;
            }

            if (hiddenPresent)
                AppendLegendRow(svg, GraphNodeKind.Person, hidden: true, minX + Margin + 10, ly, HiddenLegend(shown));
            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return new GraphLayout(svg.ToString(), shown.Count, total, drawnEdges.Count);
    }

    /// <summary>
    /// The accessible alternative to the chart: one row per edge the chart draws (same nodes, same cap), ordered by
    /// depth, then the kinds and ids of its ends.
    /// </summary>
    public static IReadOnlyList<GraphTableRow> Table(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var (shown, _) = Select(nodes);
        var byId = shown.ToDictionary(n => n.Id, StringComparer.Ordinal);
        return SelectEdges(shown, edges)
            .Select(e => (Edge: e, From: byId[e.From], To: byId[e.To]))
            .Select(x => (x.Edge, x.From, x.To, Depth: Math.Max(Math.Max(0, x.From.Depth), Math.Max(0, x.To.Depth))))
            .OrderBy(x => x.Depth).ThenBy(x => x.From.Kind).ThenBy(x => x.From.Id, StringComparer.Ordinal)
            .ThenBy(x => x.To.Kind).ThenBy(x => x.To.Id, StringComparer.Ordinal).ThenBy(x => x.Edge.Label, StringComparer.Ordinal)
            .Select(x => new GraphTableRow(
                Clean(x.From.Label), x.From.Kind, x.From.Href is { } fh ? SafeHref(fh) : null,
                Clean(x.Edge.Label),
                Clean(x.To.Label), x.To.Kind, x.To.Href is { } th ? SafeHref(th) : null,
                x.Depth, x.Edge.Hidden || x.From.Hidden || x.To.Hidden))
            .ToList();
    }

    private static (List<GraphNode> Shown, int Total) Select(IReadOnlyList<GraphNode> nodes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new List<GraphNode>(nodes.Count);
        foreach (var node in nodes)
        {
            if (node?.Id is not null && seen.Add(node.Id))
                distinct.Add(node);
        }

        var shown = distinct
            .OrderBy(n => Math.Max(0, n.Depth)).ThenBy(n => n.Kind).ThenBy(n => n.Id, StringComparer.Ordinal)
            .Take(MaxNodes).ToList();
        return (shown, distinct.Count);
    }

    private static List<GraphEdge> SelectEdges(List<GraphNode> shown, IReadOnlyList<GraphEdge> edges)
    {
        var ids = shown.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string, string, string, bool)>();
        return edges
            .Where(e => e is not null && e.From is not null && e.To is not null && ids.Contains(e.From) && ids.Contains(e.To)
                && !string.Equals(e.From, e.To, StringComparison.Ordinal))
            .Select(e => e with { Label = e.Label ?? "" })
            .Where(e => seen.Add((e.From, e.To, e.Label, e.Hidden)))
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .ThenBy(e => e.Label, StringComparer.Ordinal).ThenBy(e => e.Hidden)
            .ToList();
    }

    // Centre and radius of each node: the depths present, in order, each on its own ring (one focus alone in the centre);
    // a crowded ring grows so that its nodes stay Spacing apart. The first ring goes round in (kind, id) order; each further
    // ring in the order of the mean angle of each node's neighbours on the inner rings (then kind, id), so that a node
    // sits near what it is linked to and lines cross less. Same input, same order, same picture.
    private static Dictionary<string, (double X, double Y, double R)> Place(List<GraphNode> shown, List<GraphEdge> edges)
    {
        var positions = new Dictionary<string, (double X, double Y, double R)>(StringComparer.Ordinal);
        var angles = new Dictionary<string, double>(StringComparer.Ordinal);
        var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            (neighbours.TryGetValue(edge.From, out var a) ? a : neighbours[edge.From] = []).Add(edge.To);
            (neighbours.TryGetValue(edge.To, out var b) ? b : neighbours[edge.To] = []).Add(edge.From);
        }

        const double Top = -Math.PI / 2;
        var previous = 0.0;
        var ring = 0;
        foreach (var group in shown.GroupBy(n => Math.Max(0, n.Depth)))
        {
            var members = group.ToList(); // (kind, id) order
            double radius;
            if (ring == 0 && members.Count == 1)
                radius = 0;
            else
            {
                var needed = members.Count * Spacing / (2 * Math.PI);
                radius = Math.Max(ring == 0 ? RingGap / 2 : previous + RingGap, needed);
            }

            var start = Top + (ring * 0.35);
            if (ring > 0 && angles.Count > 0)
            {
                var keyed = members.Select((n, i) => (Node: n, Index: i, Angle: MeanAngle(neighbours.GetValueOrDefault(n.Id), angles))).ToList();
                members = keyed.OrderBy(x => x.Angle ?? double.MaxValue).ThenBy(x => x.Index).Select(x => x.Node).ToList();
                if (keyed.Min(x => x.Angle) is { } first)
                    start = first;
            }

            for (var i = 0; i < members.Count; i++)
            {
                var angle = start + (2 * Math.PI * i / members.Count);
                var r = group.Key == 0 ? FocusRadius : NodeRadius;
                positions[members[i].Id] = (radius * Math.Cos(angle), radius * Math.Sin(angle), r);
            }

            // Angles are known only for nodes off the centre.
            if (radius > 0)
            {
                foreach (var node in members)
                {
                    var (x, y, _) = positions[node.Id];
                    angles[node.Id] = Math.Atan2(y, x);
                }
            }

            previous = radius;
            ring++;
        }

        return positions;
    }

    // The mean direction of the neighbours already placed off the centre, from Top clockwise in [Top, Top + 2π); null for none.
    private static double? MeanAngle(List<string>? neighbours, Dictionary<string, double> angles)
    {
        if (neighbours is null)
            return null;
        double sin = 0, cos = 0;
        var count = 0;
        foreach (var id in neighbours)
        {
            if (angles.TryGetValue(id, out var angle))
            {
                sin += Math.Sin(angle);
                cos += Math.Cos(angle);
                count++;
            }
        }

        if (count == 0 || (Math.Abs(sin) < 1e-9 && Math.Abs(cos) < 1e-9))
            return null;
        var mean = Math.Atan2(sin, cos);
        while (mean < -Math.PI / 2)
            mean += 2 * Math.PI;
        while (mean >= 3 * Math.PI / 2)
            mean -= 2 * Math.PI;
        return mean;
    }

    private static bool Hidden(List<GraphNode> shown, string id) => shown.Find(n => string.Equals(n.Id, id, StringComparison.Ordinal))?.Hidden == true;

    private static string HiddenLegend(List<GraphNode> shown) =>
        Clean(shown.First(n => n.Hidden).Label);

    private static void AppendLegendRow(StringBuilder svg, GraphNodeKind kind, bool hidden, double x, double y, string text)
    {
        svg.Append("<g>");
        AppendSymbol(svg, kind, hidden, x, y, 9, focus: false, glyphSize: 9);
        svg.Append("<text x=\"").Append(F(x + 18)).Append("\" y=\"").Append(F(y + 4))
            .Append("\" font-size=\"12\" font-family=\"sans-serif\" fill=\"#111827\">")
            .Append(Escape(Truncate(text, 40))).Append("</text></g>");
    }

    /// <summary>The kind's shape, colours and letter; hidden: the shape dashed grey with a drawn lock instead of the letter.</summary>
    private static void AppendSymbol(StringBuilder svg, GraphNodeKind kind, bool hidden, double x, double y, double r, bool focus, double glyphSize = 13)
    {
        var (stroke, fill, glyph) = Style(kind);
        if (hidden)
            (stroke, fill) = (HiddenStroke, HiddenFill);
        var paint = $" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{(focus ? "3" : "2")}\"{(hidden ? " stroke-dasharray=\"4 3\"" : "")}";
        switch (kind)
        {
            case GraphNodeKind.Person:
                svg.Append("<circle cx=\"").Append(F(x)).Append("\" cy=\"").Append(F(y)).Append("\" r=\"").Append(F(r)).Append('"').Append(paint).Append("/>");
                break;
            case GraphNodeKind.Phone:
                Rect(svg, x, y, 0.85 * r, 0.85 * r, 0.35 * r, paint);
                break;
            case GraphNodeKind.Company:
                Rect(svg, x, y, 0.85 * r, 0.85 * r, 0, paint);
                break;
            case GraphNodeKind.Vehicle:
                Rect(svg, x, y, 1.15 * r, 0.65 * r, 3, paint);
                break;
            case GraphNodeKind.Address:
                Polygon(svg, x, y, r, paint, (0, -1), (1, -0.2), (0.8, 1), (-0.8, 1), (-1, -0.2));
                break;
            case GraphNodeKind.BankAccount:
                Polygon(svg, x, y, r, paint, (0, -1.15), (1.15, 0), (0, 1.15), (-1.15, 0));
                break;
            case GraphNodeKind.Travel:
                Polygon(svg, x, y, r, paint, (0, -1.2), (1.1, 0.85), (-1.1, 0.85));
                break;
            case GraphNodeKind.Payment:
                Polygon(svg, x, y, r, paint, (0.5, -0.9), (1, 0), (0.5, 0.9), (-0.5, 0.9), (-1, 0), (-0.5, -0.9));
                break;
            case GraphNodeKind.CriminalFile:
                Polygon(svg, x, y, r, paint, (-0.4, -1), (0.4, -1), (1, -0.4), (1, 0.4), (0.4, 1), (-0.4, 1), (-1, 0.4), (-1, -0.4));
                break;
            default:
                Polygon(svg, x, y, r, paint, (-1, -0.9), (1, -0.9), (1, 0.2), (0, 1.05), (-1, 0.2));
                break;
        }

        if (hidden)
        {
            var s = glyphSize / 13;
            svg.Append("<path d=\"M").Append(F(x - (4 * s))).Append(' ').Append(F(y - s)).Append(" v").Append(F(-3 * s))
                .Append(" a").Append(F(4 * s)).Append(' ').Append(F(4 * s)).Append(" 0 0 1 ").Append(F(8 * s)).Append(" 0 v").Append(F(3 * s))
                .Append("\" fill=\"none\" stroke=\"").Append(HiddenStroke).Append("\" stroke-width=\"").Append(F(2 * s)).Append("\"/>");
            svg.Append("<rect x=\"").Append(F(x - (6 * s))).Append("\" y=\"").Append(F(y - s)).Append("\" width=\"").Append(F(12 * s))
                .Append("\" height=\"").Append(F(9 * s)).Append("\" rx=\"").Append(F(1.5 * s)).Append("\" fill=\"").Append(HiddenStroke).Append("\"/>");
        }
        else
        {
            svg.Append("<text x=\"").Append(F(x)).Append("\" y=\"").Append(F(y)).Append("\" font-size=\"").Append(F(glyphSize))
                .Append("\" font-weight=\"bold\" font-family=\"sans-serif\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"")
                .Append(stroke).Append("\">").Append(glyph).Append("</text>");
        }
    }

    private static void Rect(StringBuilder svg, double x, double y, double halfWidth, double halfHeight, double rx, string paint)
    {
        svg.Append("<rect x=\"").Append(F(x - halfWidth)).Append("\" y=\"").Append(F(y - halfHeight))
            .Append("\" width=\"").Append(F(2 * halfWidth)).Append("\" height=\"").Append(F(2 * halfHeight)).Append('"');
        if (rx > 0)
            svg.Append(" rx=\"").Append(F(rx)).Append('"');
        svg.Append(paint).Append("/>");
    }

    private static void Polygon(StringBuilder svg, double x, double y, double r, string paint, params ReadOnlySpan<(double X, double Y)> points)
    {
        svg.Append("<polygon points=\"");
        for (var i = 0; i < points.Length; i++)
        {
            if (i > 0)
                svg.Append(' ');
            svg.Append(F(x + (points[i].X * r))).Append(',').Append(F(y + (points[i].Y * r)));
        }

        svg.Append('"').Append(paint).Append("/>");
    }

    // Stroke (also the letter's colour: at least 4.5:1 on its fill) and fill of each kind, and its letter.
    private static (string Stroke, string Fill, string Glyph) Style(GraphNodeKind kind) => kind switch
    {
        GraphNodeKind.Person => ("#1d4ed8", "#dbeafe", "P"),
        GraphNodeKind.Phone => ("#047857", "#d1fae5", "T"),
        GraphNodeKind.Address => ("#b45309", "#fef3c7", "A"),
        GraphNodeKind.Vehicle => ("#6d28d9", "#ede9fe", "V"),
        GraphNodeKind.Company => ("#be123c", "#ffe4e6", "C"),
        GraphNodeKind.BankAccount => ("#0e7490", "#cffafe", "B"),
        GraphNodeKind.Travel => ("#4d7c0f", "#ecfccb", "J"),
        GraphNodeKind.Payment => ("#a16207", "#fef9c3", "$"),
        GraphNodeKind.CriminalFile => ("#111827", "#e5e7eb", "F"),
        _ => ("#9d174d", "#fce7f3", "K"),
    };

    /// <summary>A link only to a path of this site ("/..."); never another origin, a scheme or a protocol-relative URL.</summary>
    private static string? SafeHref(string href)
    {
        href = href.Trim();
        if (href.Length == 0 || href[0] != '/' || (href.Length > 1 && (href[1] == '/' || href[1] == '\\')))
            return null;
        foreach (var c in href)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
                return null;
        }

        return href;
    }

    /// <summary>Whitespace runs (line breaks, tabs) as one space, characters XML cannot hold removed, trimmed.</summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var builder = new StringBuilder(text.Length);
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    if (space && builder.Length > 0)
                        builder.Append(' ');
                    space = false;
                    builder.Append(c).Append(text[++i]);
                }

                continue;
            }

            if (char.IsLowSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (char.IsControl(c) && !char.IsWhiteSpace(c)))
                continue;
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
                builder.Append(' ');
            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>At most <paramref name="max"/> text elements (a letter with its accents, an emoji), else one fewer and an ellipsis.</summary>
    internal static string Truncate(string? text, int max)
    {
        var clean = Clean(text);
        var info = new StringInfo(clean);
        return info.LengthInTextElements <= max ? clean : info.SubstringByTextElements(0, max - 1).TrimEnd() + "…";
    }

    /// <summary>Text for XML content or a double-quoted attribute (after <see cref="Clean"/> for user text).</summary>
    internal static string Escape(string? text)
    {
        var clean = Clean(text);
        if (clean.AsSpan().IndexOfAny("&<>\"'") < 0)
            return clean;
        var builder = new StringBuilder(clean.Length + 16);
        foreach (var c in clean)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }

    private static string F(double value) => (Math.Round(value, 1) + 0.0).ToString("0.#", Invariant); // + 0.0: never "-0"

    // An id prefix for the chart's title and description, stable for the same chart (FNV-1a over the title and the nodes drawn),
    // so two charts on one page do not share ids.
    private static string StableHash(string title, List<GraphNode> shown)
    {
        var hash = 2166136261u;
        void Add(string? s)
        {
            foreach (var c in s ?? "")
                hash = (hash ^ c) * 16777619u;
            hash = (hash ^ 0xFFFF) * 16777619u;
        }

        Add(title);
        foreach (var node in shown)
            Add(node.Id);
        return hash.ToString("x8", Invariant);
    }
}
