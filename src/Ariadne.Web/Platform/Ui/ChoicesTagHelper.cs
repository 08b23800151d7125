using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// <c>&lt;choices name="Input.Consent" legend="Key" options="@values" selected="@chosen" label-prefix="Consent_" type="radio" /&gt;</c>:
/// a fieldset of radio buttons or checkboxes with its legend, hint and error, keyboard-operable and
/// linked from the error summary (the fieldset carries the id the summary points to).
/// </summary>
[HtmlTargetElement("choices", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ChoicesTagHelper(IStringLocalizer<SharedResource> text, HtmlEncoder encoder) : TagHelper
{
    public required string Name { get; set; }
    public required string Legend { get; set; }
    public required IEnumerable<string> Options { get; set; }
    public IEnumerable<string> Selected { get; set; } = [];
    public string LabelPrefix { get; set; } = "";
    public string Type { get; set; } = "checkbox";
    public string? Hint { get; set; }
    public bool Required { get; set; }
    /// <summary>
    /// The fieldset's id, from which each option's id is made. Defaults to the field name; a field
    /// rendered as several groups gives each group its own, so that every id on the page is unique
    /// and each label ticks its own box.
    /// </summary>
    public string? Id { get; set; }
    /// <summary>Whether the field's errors show in this group (false where the page shows them once for all groups).</summary>
    public bool ShowErrors { get; set; } = true;
    /// <summary>Optional grouping: option → resource key of a second line (e.g. an indicator's strength).</summary>
    public Func<string, string?>? Detail { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var id = TagBuilder.CreateSanitizedId(Id ?? Name, "_");
        var errors = ShowErrors && ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry)
            ? entry.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList() : [];
        var selected = Selected.ToHashSet(StringComparer.Ordinal);
        var e = encoder;
        output.TagName = "fieldset";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field choices has-error" : "field choices");
        output.Attributes.SetAttribute("id", id);
        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        html.Append($"<legend>{e.Encode(text[Legend])}");
        if (Required)
            html.Append($" <span class=\"required\">({e.Encode(text["Form_Required"])})</span>");
        html.Append("</legend>");
        if (Hint is not null)
        {
            html.Append($"<p class=\"hint\" id=\"{id}-hint\">{e.Encode(text[Hint])}</p>");
            describedBy.Add(id + "-hint");
        }
        if (errors.Count > 0)
        {
            html.Append($"<p class=\"field-error\" id=\"{id}-error\"><span class=\"visually-hidden\">{e.Encode(text["Form_ErrorPrefix"])}</span> {string.Join(" ", errors.Select(m => e.Encode(m)))}</p>");
            describedBy.Add(id + "-error");
        }
        if (describedBy.Count > 0)
            output.Attributes.SetAttribute("aria-describedby", string.Join(' ', describedBy));
        var index = 0;
        foreach (var option in Options)
        {
            var optionId = $"{id}_{index++}";
            var detail = Detail?.Invoke(option);
            html.Append($"<div class=\"{(Type == "radio" ? "radio" : "checkbox")}\"><input type=\"{Type}\" id=\"{optionId}\" name=\"{e.Encode(Name)}\" value=\"{e.Encode(option)}\"");
            if (selected.Contains(option))
                html.Append(" checked");
            html.Append($"><label for=\"{optionId}\">{e.Encode(text[LabelPrefix + option])}");
            if (detail is not null)
                html.Append($" <span class=\"tag\">{e.Encode(text[detail])}</span>");
            html.Append("</label></div>");
        }
        output.Content.SetHtmlContent(html.ToString());
    }
}
