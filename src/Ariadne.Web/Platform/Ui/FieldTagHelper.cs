using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// <c>&lt;field for="Input.Name" label="Key" /&gt;</c>: a GOV.UK Frontend text input (or, with
/// <c>type="textarea"</c>, a textarea) with its label, hint and error beside it, wired for assistive
/// technology (aria-invalid, aria-describedby). The error summary at the top of the form links to the
/// same id, and names the field in its message.
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
    /// <summary>Rows of a textarea.</summary>
    public int Rows { get; set; } = 5;
    /// <summary>A GOV.UK width class suffix for short values (e.g. "10" for govuk-input--width-10); full width otherwise.</summary>
    public string? Width { get; set; }
    /// <summary>A datalist id for suggestions (e.g. the list of languages).</summary>
    public string? List { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = FormParts.Errors(ViewContext, name);
        var value = Type == "password" ? "" : state?.AttemptedValue ?? For.Model switch
        {
            null => "",
            DateOnly date => date.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "",
        };
        var e = encoder;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", FormParts.GroupClass(errors.Count > 0));

        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        html.Append($"<label class=\"govuk-label govuk-label--s\" for=\"{id}\">{e.Encode(text[Label])}");
        FormParts.RequiredMark(html, Required, text, e);
        html.Append("</label>");
        FormParts.Hint(html, id, Hint is null ? null : text[Hint].Value, describedBy, e);
        FormParts.ErrorMessage(html, id, errors, describedBy, text, e);
        var textarea = Type == "textarea";
        var css = textarea ? "govuk-textarea" : "govuk-input";
        if (Width is not null)
            css += $" govuk-input--width-{e.Encode(Width)}";
        if (errors.Count > 0)
            css += textarea ? " govuk-textarea--error" : " govuk-input--error";
        html.Append(textarea
            ? $"<textarea class=\"{css}\" id=\"{id}\" name=\"{e.Encode(name)}\" rows=\"{Rows}\""
            : $"<input class=\"{css}\" id=\"{id}\" name=\"{e.Encode(name)}\" type=\"{e.Encode(Type)}\" value=\"{e.Encode(value)}\"");
        if (Autocomplete is not null)
            html.Append($" autocomplete=\"{e.Encode(Autocomplete)}\"");
        if (Inputmode is not null)
            html.Append($" inputmode=\"{e.Encode(Inputmode)}\"");
        if (Maxlength is { } max)
            html.Append($" maxlength=\"{max}\"");
        if (List is not null)
            html.Append($" list=\"{e.Encode(List)}\"");
        if (Required)
            html.Append(" required aria-required=\"true\"");
        if (errors.Count > 0)
            html.Append(" aria-invalid=\"true\"");
        html.Append(FormParts.DescribedBy(describedBy));
        html.Append('>');
        if (textarea)
            html.Append(e.Encode(value)).Append("</textarea>");
        output.Content.SetHtmlContent(html.ToString());
    }
}
