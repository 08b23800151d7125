using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// <c>&lt;deadline due="@by" from="@received" met="@acknowledgedAt" /&gt;</c>: where a deadline stands, as
/// colour plus icon plus words ("⚠ Overdue", "⏱ Due soon" in the last quarter of its window, "✓ In time",
/// "✓ Met"), then the time in the configured zone with its offset and how far away it is.
/// </summary>
[HtmlTargetElement("deadline", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DeadlineTagHelper(UiTime time, IStringLocalizer<SharedResource> text, HtmlEncoder encoder) : TagHelper
{
    public DateTimeOffset Due { get; set; }
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? Met { get; set; }

    public static string StateOf(DateTimeOffset due, DateTimeOffset? from, DateTimeOffset? met, DateTimeOffset now)
    {
        if (met is not null)
            return "met";
        if (now >= due)
            return "overdue";
        var window = from is { } start ? due - start : TimeSpan.Zero;
        return window > TimeSpan.Zero && due - now <= window / 4 ? "soon" : "ok";
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = StateOf(Due, From, Met, time.Now);
        var (css, key) = state switch
        {
            "met" => ("ok", "Deadline_Met"),
            "overdue" => ("overdue", "Deadline_Overdue"),
            "soon" => ("soon", "Deadline_Soon"),
            _ => ("ok", "Deadline_InTime"),
        };
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "app-deadline");
        output.Attributes.SetAttribute("data-deadline", state);
        var shown = Met ?? Due;
        var iso = shown.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var html = $"<span class=\"app-urgency app-urgency--{css}\">{encoder.Encode(text[key])}</span> " +
                   $"<time datetime=\"{iso}\">{encoder.Encode(time.Format(shown))}</time>";
        if (Met is null)
            html += $"<span class=\"app-time__relative\">{encoder.Encode(time.Relative(Due, deadline: true))}</span>";
        output.Content.SetHtmlContent(html);
    }
}
