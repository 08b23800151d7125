using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// <c>&lt;date-field for="Input.DateOfBirth" label="Key" /&gt;</c>: GOV.UK's date input, day / month / year
/// in three boxes (no browser date picker, whose format follows the browser's language). A whole date
/// typed in the first box (<c>12.05.1998</c>) is accepted too; <see cref="DatePartsBinder"/> reads both.
/// The error summary links to the day box, which carries the field's id.
/// </summary>
[HtmlTargetElement("date-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DateFieldTagHelper(IStringLocalizer<SharedResource> text, HtmlEncoder encoder) : TagHelper
{
    public required ModelExpression For { get; set; }
    public required string Label { get; set; }
    public string? Hint { get; set; }
    public bool Required { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = FormParts.Errors(ViewContext, name);
        var form = ViewContext.HttpContext.Request.HasFormContentType ? ViewContext.HttpContext.Request.Form : null;
        string? Part(string part) => form?[name + "." + part].FirstOrDefault();
        var (day, month, year) = (Part("Day"), Part("Month"), Part("Year"));
        if (day is null && month is null && year is null)
        {
            var current = For.Model switch
            {
                DateOnly d => d,
                string s when DateText.TryParse(s, out var parsed) => parsed,
                _ => (DateOnly?)null,
            };
            if (current is { } c)
                (day, month, year) = (c.Day.ToString("00", System.Globalization.CultureInfo.InvariantCulture), c.Month.ToString("00", System.Globalization.CultureInfo.InvariantCulture), c.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            else if (state?.AttemptedValue is { } attempted)
                day = attempted;
        }
        var e = encoder;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", FormParts.GroupClass(errors.Count > 0));
        var describedBy = new List<string>();
        var body = new System.Text.StringBuilder();
        FormParts.Hint(body, id, text[Hint ?? "Date_Hint"].Value, describedBy, e);
        FormParts.ErrorMessage(body, id, errors, describedBy, text, e);
        var html = new System.Text.StringBuilder();
        html.Append($"<fieldset class=\"govuk-fieldset\" role=\"group\"{FormParts.DescribedBy(describedBy)}>");
        html.Append($"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">{e.Encode(text[Label])}");
        FormParts.RequiredMark(html, Required, text, e);
        html.Append("</legend>").Append(body);
        html.Append($"<div class=\"govuk-date-input\" id=\"{id}-parts\">");
        void Box(string part, string partId, string? value, int width, string labelKey, int max)
        {
            var css = $"govuk-input govuk-date-input__input govuk-input--width-{width}{(errors.Count > 0 ? " govuk-input--error" : "")}";
            html.Append($"<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">");
            html.Append($"<label class=\"govuk-label govuk-date-input__label\" for=\"{partId}\">{e.Encode(text[labelKey])}</label>");
            html.Append($"<input class=\"{css}\" id=\"{partId}\" name=\"{e.Encode(name)}.{part}\" type=\"text\" inputmode=\"numeric\" maxlength=\"{max}\" autocomplete=\"off\" value=\"{e.Encode(value ?? "")}\"");
            if (errors.Count > 0)
                html.Append(" aria-invalid=\"true\"");
            html.Append("></div></div>");
        }
        // The day box may also take a whole date ("12.05.1998"), so it accepts ten characters.
        Box("Day", id, day, 2, "Date_Day", 10);
        Box("Month", id + "_Month", month, 2, "Date_Month", 2);
        Box("Year", id + "_Year", year, 4, "Date_Year", 4);
        html.Append("</div></fieldset>");
        output.Content.SetHtmlContent(html.ToString());
    }
}
