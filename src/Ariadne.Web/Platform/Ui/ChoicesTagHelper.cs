using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// <c>&lt;choices name="Input.Consent" legend="Key" options="@values" selected="@chosen" label-prefix="Consent_" type="radio" /&gt;</c>:
/// a GOV.UK Frontend fieldset of radio buttons or checkboxes with its legend, hint and error, keyboard-operable and
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
    /// <summary>Labels given directly (option → text already in the page's language), instead of resource keys.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; set; }
    /// <summary>GOV.UK's smaller controls (still a 44 px target), for long lists such as indicators.</summary>
    public bool Small { get; set; }
    /// <summary>Short options flow into columns on a wide screen (one column on a phone).</summary>
    public bool Columns { get; set; }
    /// <summary>Optional grouping: option → resource key of a second line (e.g. an indicator's strength).</summary>
    public Func<string, string?>? Detail { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var id = TagBuilder.CreateSanitizedId(Id ?? Name, "_");
        var errors = ShowErrors ? FormParts.Errors(ViewContext, Name) : [];
        var selected = Selected.ToHashSet(StringComparer.Ordinal);
        var e = encoder;
        var kind = Type == "radio" ? "radios" : "checkboxes";
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", FormParts.GroupClass(errors.Count > 0));
        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        var body = new System.Text.StringBuilder();
        FormParts.Hint(body, id, Hint is null ? null : text[Hint].Value, describedBy, e);
        FormParts.ErrorMessage(body, id, errors, describedBy, text, e);
        html.Append($"<fieldset class=\"govuk-fieldset\" id=\"{id}\"{FormParts.DescribedBy(describedBy)}>");
        html.Append($"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">{e.Encode(text[Legend])}");
        FormParts.RequiredMark(html, Required, text, e);
        html.Append("</legend>").Append(body);
        html.Append($"<div class=\"govuk-{kind}{(Small ? $" govuk-{kind}--small" : "")}{(Columns ? " app-columns" : "")}\" data-module=\"govuk-{kind}\">");
        var index = 0;
        foreach (var option in Options)
        {
            var optionId = $"{id}_{index++}";
            var detail = Detail?.Invoke(option);
            html.Append($"<div class=\"govuk-{kind}__item\"><input class=\"govuk-{kind}__input\" type=\"{Type}\" id=\"{optionId}\" name=\"{e.Encode(Name)}\" value=\"{e.Encode(option)}\"");
            if (selected.Contains(option))
                html.Append(" checked");
            if (detail is not null)
                html.Append($" aria-describedby=\"{optionId}-hint\"");
            html.Append($"><label class=\"govuk-label govuk-{kind}__label\" for=\"{optionId}\">{e.Encode(Labels?.GetValueOrDefault(option) ?? text[LabelPrefix + option])}</label>");
            if (detail is not null)
                html.Append($"<div class=\"govuk-hint govuk-{kind}__hint\" id=\"{optionId}-hint\">{e.Encode(text[detail])}</div>");
            html.Append("</div>");
        }
        html.Append("</div></fieldset>");
        output.Content.SetHtmlContent(html.ToString());
    }
}
