using System.Xml.Linq;
using Ariadne.Web.Features.Investigation;

namespace Ariadne.Tests.Investigation;

/// <summary>The link chart: deterministic, escaped, accessible, free of script and inline style, capped.</summary>
public sealed class GraphSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static GraphNode Node(string id, GraphNodeKind kind, int depth, string? label = null, string? href = null, bool hidden = false, string? detail = null) =>
        new(id, kind, label ?? "Node " + id, detail, href, hidden, depth);

    private static (List<GraphNode> Nodes, List<GraphEdge> Edges) Sample()
    {
        var nodes = new List<GraphNode>
        {
            Node("p1", GraphNodeKind.Person, 0, "Elçin Məmmədov", "/Investigation/Entity/p1", detail: "1985-03-14"),
            Node("t1", GraphNodeKind.Phone, 1, "+994 50 123 45 67", "/Investigation/Entity/t1"),
            Node("c1", GraphNodeKind.Company, 1, "Kaspi Trade MMC"),
            Node("a1", GraphNodeKind.Address, 2, "Bakı, Nizami küç. 12"),
            Node("f1", GraphNodeKind.CriminalFile, 2, "Connection exists — ask the owner", hidden: true, detail: "secret detail"),
        };
        var edges = new List<GraphEdge>
        {
            new("p1", "t1", "uses", false),
            new("p1", "c1", "directs", false),
            new("c1", "a1", "located at", false),
            new("c1", "f1", "in another file", true),
        };
        return (nodes, edges);
    }

    private static XElement Parse(string svg) => XElement.Parse(svg);

    [Fact]
    public void The_same_input_gives_the_same_svg_whatever_its_order()
    {
        var (nodes, edges) = Sample();
        var first = GraphSvg.Render(nodes, edges, "Links of the person", "Five entities");
        var again = GraphSvg.Render(nodes, edges, "Links of the person", "Five entities");
        nodes.Reverse();
        edges.Reverse();
        var shuffled = GraphSvg.Render(nodes, edges, "Links of the person", "Five entities");
        Assert.Equal(first, again);
        Assert.Equal(first, shuffled);
    }

    [Fact]
    public void The_root_is_a_labelled_scalable_image()
    {
        var (nodes, edges) = Sample();
        var root = Parse(GraphSvg.Render(nodes, edges, "Links of the person", "Five entities and four links"));
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("group", (string?)root.Attribute("role"));
        Assert.Equal("100%", (string?)root.Attribute("width"));
        Assert.Equal(4, ((string)root.Attribute("viewBox")!).Split(' ').Length);
        var ids = ((string)root.Attribute("aria-labelledby")!).Split(' ');
        Assert.Equal(2, ids.Length);
        Assert.Equal("Links of the person", root.Elements(Svg + "title").Single(e => (string?)e.Attribute("id") == ids[0]).Value);
        Assert.Equal("Five entities and four links", root.Elements(Svg + "desc").Single(e => (string?)e.Attribute("id") == ids[1]).Value);
    }

    [Fact]
    public void The_focus_is_in_the_centre_and_further_hops_further_out()
    {
        var (nodes, edges) = Sample();
        var root = Parse(GraphSvg.Render(nodes, edges, "t", "d"));
        var focus = root.Descendants(Svg + "circle").First();
        Assert.Equal("0", (string?)focus.Attribute("cx"));
        Assert.Equal("0", (string?)focus.Attribute("cy"));
        double Distance(string label)
        {
            var text = root.Descendants(Svg + "text").First(t => t.Value == label);
            var x = double.Parse((string)text.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
            var y = double.Parse((string)text.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture);
            return Math.Sqrt((x * x) + (y * y));
        }

        Assert.True(Distance("Bakı, Nizami küç. 12") > Distance("Kaspi Trade MMC") + 50);
    }

    [Fact]
    public void An_outer_node_sits_near_the_inner_node_it_is_linked_to()
    {
        // Kind and id order alone would put each child across from its parent.
        var nodes = new List<GraphNode>
        {
            Node("focus", GraphNodeKind.Person, 0, "Focus"),
            Node("a", GraphNodeKind.Company, 1, "Parent A"),
            Node("b", GraphNodeKind.Phone, 1, "Parent B"),
            Node("x", GraphNodeKind.Address, 2, "Child of A"),
            Node("y", GraphNodeKind.Person, 2, "Child of B"),
        };
        var edges = new List<GraphEdge> { new("focus", "a", "l", false), new("focus", "b", "l", false), new("a", "x", "l", false), new("b", "y", "l", false) };
        var root = Parse(GraphSvg.Render(nodes, edges, "t", "d"));
        (double X, double Y) At(string label)
        {
            var text = root.Descendants(Svg + "text").First(t => t.Value == label);
            return (double.Parse((string)text.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture),
                double.Parse((string)text.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture));
        }

        static double Distance((double X, double Y) p, (double X, double Y) q) => Math.Sqrt(Math.Pow(p.X - q.X, 2) + Math.Pow(p.Y - q.Y, 2));
        Assert.True(Distance(At("Child of A"), At("Parent A")) < Distance(At("Child of A"), At("Parent B")));
        Assert.True(Distance(At("Child of B"), At("Parent B")) < Distance(At("Child of B"), At("Parent A")));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Tom & Jerry \"Ltd\" 'x'")]
    [InlineData("]]><svg onload=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    public void User_text_is_escaped_everywhere(string hostile)
    {
        var nodes = new List<GraphNode> { Node("a", GraphNodeKind.Person, 0, hostile, detail: hostile), Node("b", GraphNodeKind.Company, 1, hostile) };
        var edges = new List<GraphEdge> { new("a", "b", hostile, false) };
        var svg = GraphSvg.Render(nodes, edges, hostile, hostile);
        var root = Parse(svg); // well-formed
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("]]>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "style" or "foreignObject" or "image" or "use" or "iframe");
        Assert.DoesNotContain(root.DescendantsAndSelf().SelectMany(e => e.Attributes()),
            a => a.Name.LocalName == "style" || a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(root.Descendants(Svg + "title"), t => t.Value.StartsWith(hostile, StringComparison.Ordinal));
        Assert.Equal(hostile, root.Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Characters_xml_cannot_hold_are_dropped_and_line_breaks_become_spaces()
    {
        var nodes = new List<GraphNode> { Node("a", GraphNodeKind.Person, 0, "Ali\u0001\u0008 Veli\r\nOğlu\uFFFE \ud800x") };
        var root = Parse(GraphSvg.Render(nodes, [], "t\u0002", "d"));
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "Ali Veli Oğlu x");
    }

    [Fact]
    public void The_svg_has_no_script_style_handler_or_external_reference()
    {
        var (nodes, edges) = Sample();
        var svg = GraphSvg.Render(nodes, edges, "t", "d");
        var root = Parse(svg);
        Assert.DoesNotContain("style", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("foreignObject", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("xlink", svg, StringComparison.Ordinal);
        var references = root.DescendantsAndSelf().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName is "href" or "src").Select(a => a.Value).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.StartsWith("/Investigation/", r, StringComparison.Ordinal));
        Assert.DoesNotContain("url(", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_with_a_link_are_focusable_anchors_and_other_origins_are_not_linked()
    {
        var nodes = new List<GraphNode>
        {
            Node("a", GraphNodeKind.Person, 0, "Own page", "/Investigation/Entity/a?x=1&y=2"),
            Node("b", GraphNodeKind.Phone, 1, "Other site", "https://evil.example/x"),
            Node("c", GraphNodeKind.Phone, 1, "Script", "javascript:alert(1)"),
            Node("d", GraphNodeKind.Phone, 1, "Protocol relative", "//evil.example/x"),
            Node("e", GraphNodeKind.Phone, 1, "No link"),
        };
        var svg = GraphSvg.Render(nodes, [], "t", "d");
        var anchors = Parse(svg).Descendants(Svg + "a").ToList();
        var anchor = Assert.Single(anchors);
        Assert.Equal("/Investigation/Entity/a?x=1&y=2", (string?)anchor.Attribute("href"));
        Assert.Equal("0", (string?)anchor.Attribute("tabindex"));
        Assert.Contains("Own page", anchor.Value, StringComparison.Ordinal);
        Assert.Contains("&amp;y=2", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hidden_node_is_dashed_grey_with_a_lock_and_shows_no_detail()
    {
        var (nodes, edges) = Sample();
        var root = Parse(GraphSvg.Render(nodes, edges, "t", "d"));
        var hidden = root.Descendants(Svg + "g").Single(g => ((string?)g.Attribute("class"))?.Contains("node-hidden", StringComparison.Ordinal) == true);
        var shape = hidden.Elements().First(e => e.Name != Svg + "title");
        Assert.Equal("#6b7280", (string?)shape.Attribute("stroke"));
        Assert.NotNull(shape.Attribute("stroke-dasharray"));
        Assert.Single(hidden.Elements(Svg + "path")); // the lock's shackle
        Assert.DoesNotContain(hidden.Elements(Svg + "text"), t => (string?)t.Attribute("font-weight") == "bold"); // no kind letter
        Assert.DoesNotContain("secret detail", root.ToString(), StringComparison.Ordinal);
        var dashedEdge = root.Descendants(Svg + "line").Single(l => l.Element(Svg + "title")!.Value == "in another file");
        Assert.NotNull(dashedEdge.Attribute("stroke-dasharray"));
    }

    [Fact]
    public void Each_kind_has_its_own_shape_or_letter_and_its_own_colour()
    {
        var symbols = Enum.GetValues<GraphNodeKind>().Select(kind =>
        {
            var root = Parse(GraphSvg.Render([Node("x", kind, 0, "Same label")], [], "t", "d"));
            var node = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "node");
            var shape = node.Elements().First(e => e.Name != Svg + "title");
            var letter = node.Elements(Svg + "text").Single(t => (string?)t.Attribute("font-weight") == "bold").Value;
            return (Kind: kind, Shape: shape.Name.LocalName + (string?)shape.Attribute("points") + (string?)shape.Attribute("rx") + (string?)shape.Attribute("width"),
                Letter: letter, Colour: (string?)shape.Attribute("stroke"));
        }).ToList();
        Assert.Equal(symbols.Count, symbols.Select(s => s.Letter).Distinct().Count());
        Assert.Equal(symbols.Count, symbols.Select(s => s.Shape).Distinct().Count());
        Assert.Equal(symbols.Count, symbols.Select(s => s.Colour).Distinct().Count());
    }

    [Fact]
    public void Long_labels_are_cut_with_an_ellipsis_and_kept_whole_in_the_title()
    {
        const string Long = "Məmmədova-Əliyeva Gülnarə Rafiq qızı";
        var root = Parse(GraphSvg.Render([Node("a", GraphNodeKind.Person, 0, Long, detail: "1990-01-01")], [], "t", "d"));
        var label = root.Descendants(Svg + "text").Single(t => t.Value.EndsWith('…'));
        Assert.True(label.Value.Length <= GraphSvg.MaxLabel);
        Assert.StartsWith("Məmmədova", label.Value, StringComparison.Ordinal);
        Assert.Contains(root.Descendants(Svg + "title"), t => t.Value.Contains(Long, StringComparison.Ordinal) && t.Value.Contains("1990-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public void At_most_the_cap_is_drawn_and_the_layout_says_so()
    {
        var nodes = Enumerable.Range(0, 200).Select(i => Node("n" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            (GraphNodeKind)(1 + (i % 10)), i == 0 ? 0 : 1 + (i % 3))).ToList();
        var edges = nodes.Skip(1).Select(n => new GraphEdge("n000", n.Id, "link", false)).ToList();
        var layout = GraphSvg.Layout(nodes, edges, "t", "d");
        Assert.True(layout.Truncated);
        Assert.Equal(GraphSvg.MaxNodes, layout.NodesShown);
        Assert.Equal(200, layout.NodesTotal);
        Assert.Equal(GraphSvg.MaxNodes - 1, layout.EdgesShown);
        var root = Parse(layout.Svg);
        Assert.Equal(GraphSvg.MaxNodes, root.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") is "node" or "node node-hidden"));
        // The nearer rings are kept whole: every node of depth 1 is drawn.
        Assert.All(nodes.Where(n => n.Depth == 1), n => Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == n.Label));
        Assert.False(GraphSvg.Layout(nodes.Take(20).ToList(), edges, "t", "d").Truncated);
    }

    [Fact]
    public void The_table_has_a_row_per_drawn_edge_and_marks_hidden_ones()
    {
        var (nodes, edges) = Sample();
        edges.Add(new GraphEdge("p1", "missing", "to nowhere", false));
        edges.Add(new GraphEdge("p1", "p1", "loop", false));
        var rows = GraphSvg.Table(nodes, edges);
        Assert.Equal(4, rows.Count);
        var uses = rows.Single(r => r.LinkLabel == "uses");
        Assert.Equal(("Elçin Məmmədov", GraphNodeKind.Person, "+994 50 123 45 67", GraphNodeKind.Phone, 1, false),
            (uses.FromLabel, uses.FromKind, uses.ToLabel, uses.ToKind, uses.Depth, uses.Hidden));
        Assert.Equal("/Investigation/Entity/p1", uses.FromHref);
        var hidden = rows.Single(r => r.Hidden);
        Assert.Equal(("Connection exists — ask the owner", GraphNodeKind.CriminalFile, 2), (hidden.ToLabel, hidden.ToKind, hidden.Depth));
        Assert.Equal(rows.OrderBy(r => r.Depth).Select(r => r.LinkLabel), rows.Select(r => r.LinkLabel));
    }
}
