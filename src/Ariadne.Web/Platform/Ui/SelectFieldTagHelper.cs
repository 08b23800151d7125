using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// <c>&lt;pick for="Input.Citizenship" label="Key" options="@pairs" searchable="true" /&gt;</c>: a GOV.UK select
/// of coded values shown by name (the code is what is sent and stored). <c>searchable</c> turns it, where
/// scripts run, into GOV.UK's accessible autocomplete: type part of a name in any of the page's words.
/// </summary>
[HtmlTargetElement("pick", TagStructure = TagStructure.WithoutEndTag)]
public sealed class SelectFieldTagHelper(IStringLocalizer<SharedResource> text, HtmlEncoder encoder) : TagHelper
{
    public required ModelExpression For { get; set; }
    public required string Label { get; set; }
    public required IEnumerable<KeyValuePair<string, string>> Options { get; set; }
    public string? Hint { get; set; }
    public bool Required { get; set; }
    public bool Searchable { get; set; }
    /// <summary>The element's id, where two controls send the same field (default: from the field name).</summary>
    public string? Id { get; set; }
    /// <summary>The chosen value, where it is not simply the field's (a field shown by several controls).</summary>
    public string? Selected { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = Id ?? TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = Id is not null ? [] : FormParts.Errors(ViewContext, name);
        var value = context.AllAttributes.ContainsName("selected") ? Selected ?? "" : state?.AttemptedValue ?? For.Model?.ToString() ?? "";
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
        html.Append($"<select class=\"govuk-select{(errors.Count > 0 ? " govuk-select--error" : "")}\" id=\"{id}\" name=\"{e.Encode(name)}\"");
        html.Append(FormParts.DescribedBy(describedBy));
        if (errors.Count > 0)
            html.Append(" aria-invalid=\"true\"");
        if (Searchable)
            html.Append($" data-autocomplete data-no-results=\"{e.Encode(text["Pick_NoResults"])}\" data-status-results=\"{e.Encode(text["Pick_Results"])}\"");
        html.Append('>');
        html.Append($"<option value=\"\">{(Searchable ? "" : e.Encode(text["Pick_Choose"]))}</option>");
        var known = false;
        foreach (var (code, shown) in Options)
        {
            var selected = string.Equals(code, value, StringComparison.OrdinalIgnoreCase);
            known |= selected;
            html.Append($"<option value=\"{e.Encode(code)}\"{(selected ? " selected" : "")}>{e.Encode(shown)}</option>");
        }
        // A stored value outside the list (an old free-text entry) is kept visible rather than silently dropped.
        if (!known && value.Length > 0)
            html.Append($"<option value=\"{e.Encode(value)}\" selected>{e.Encode(value)}</option>");
        html.Append("</select>");
        output.Content.SetHtmlContent(html.ToString());
    }
}
