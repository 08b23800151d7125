using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// <c>&lt;when at="@moment" /&gt;</c>: a machine-readable <c>&lt;time&gt;</c> in the configured zone with its
/// offset; <c>deadline="true"</c> adds "in 12 min" / "overdue by 3 h", <c>relative="true"</c> adds "5 d ago".
/// <c>date-only="true"</c> shows the day alone (a date of a day, such as a reflection period's end).
/// </summary>
[HtmlTargetElement("when", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TimeTagHelper(UiTime time, HtmlEncoder encoder) : TagHelper
{
    public DateTimeOffset? At { get; set; }
    public bool Deadline { get; set; }
    public bool Relative { get; set; }
    public bool DateOnly { get; set; }
    /// <summary>A calendar day (no time, no zone): a date of birth, a training's date.</summary>
    public System.DateOnly? Day { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Day is { } day)
        {
            output.TagName = "time";
            output.Attributes.SetAttribute("datetime", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            output.Content.SetContent(UiTime.FormatDay(day));
            return;
        }
        if (At is not { } at)
        {
            output.TagName = null;
            output.Content.SetContent("—");
            return;
        }
        output.TagName = "span";
        output.Attributes.SetAttribute("class", "app-time");
        var iso = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var html = $"<time datetime=\"{iso}\">{encoder.Encode(time.Format(at, withTime: !DateOnly))}</time>";
        if (Deadline || Relative)
            html += $"<span class=\"app-time__relative\">{encoder.Encode(time.Relative(at, Deadline))}</span>";
        output.Content.SetHtmlContent(html);
    }
}
