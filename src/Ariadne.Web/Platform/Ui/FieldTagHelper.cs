using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// <c>&lt;field for="Input.Name" label="Key" /&gt;</c>: a labelled input with its hint and its error
/// beside it, wired for assistive technology (aria-invalid, aria-describedby). The error summary at
/// the top of the form links to the same ids.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IStringLocalizer<SharedResource> text, HtmlEncoder encoder) : TagHelper
{
    public required ModelExpression For { get; set; }
    public required string Label { get; set; }
    public string? Hint { get; set; }
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    public bool Required { get; set; }
    public string? Inputmode { get; set; }
    public int? Maxlength { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList() ?? [];
        var value = Type == "password" ? "" : state?.AttemptedValue ?? For.Model switch
        {
            null => "",
            DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "",
        };
        var e = encoder;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field has-error" : "field");

        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        html.Append($"<label for=\"{id}\">{e.Encode(text[Label])}");
        if (Required)
            html.Append($" <span class=\"required\">({e.Encode(text["Form_Required"])})</span>");
        html.Append("</label>");
        if (Hint is not null)
        {
            html.Append($"<p class=\"hint\" id=\"{id}-hint\">{e.Encode(text[Hint])}</p>");
            describedBy.Add(id + "-hint");
        }
        if (errors.Count > 0)
        {
            html.Append($"<p class=\"field-error\" id=\"{id}-error\"><span class=\"visually-hidden\">{e.Encode(text["Form_ErrorPrefix"])}</span> ");
            html.Append(string.Join(" ", errors.Select(m => e.Encode(m))));
            html.Append("</p>");
            describedBy.Add(id + "-error");
        }
        html.Append($"<input id=\"{id}\" name=\"{e.Encode(name)}\" type=\"{e.Encode(Type)}\" value=\"{e.Encode(value)}\"");
        if (Autocomplete is not null)
            html.Append($" autocomplete=\"{e.Encode(Autocomplete)}\"");
        if (Inputmode is not null)
            html.Append($" inputmode=\"{e.Encode(Inputmode)}\"");
        if (Maxlength is { } max)
            html.Append($" maxlength=\"{max}\"");
        if (Required)
            html.Append(" required aria-required=\"true\"");
        if (errors.Count > 0)
            html.Append(" aria-invalid=\"true\"");
        if (describedBy.Count > 0)
            html.Append($" aria-describedby=\"{string.Join(' ', describedBy)}\"");
        html.Append('>');
        output.Content.SetHtmlContent(html.ToString());
    }
}
