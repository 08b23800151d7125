using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// The markup every form tag helper shares, written once: the field's errors from model state, the
/// form group (red bar on error), the "(required)" mark, the hint and the error message with their ids
/// (which the control lists in aria-describedby, and the error summary links to).
/// </summary>
internal static class FormParts
{
    public static List<string> Errors(ViewContext view, string name) =>
        view.ViewData.ModelState.TryGetValue(name, out var entry)
            ? entry.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList()
            : [];

    public static string GroupClass(bool hasErrors) =>
        hasErrors ? "govuk-form-group govuk-form-group--error" : "govuk-form-group";

    public static void RequiredMark(StringBuilder html, bool required, IStringLocalizer text, HtmlEncoder e)
    {
        if (required)
            html.Append($" <span class=\"govuk-hint govuk-!-display-inline\">({e.Encode(text["Form_Required"])})</span>");
    }

    /// <summary>The hint (already in the page's language) under the id <c>{id}-hint</c>, added to <paramref name="describedBy"/>.</summary>
    public static void Hint(StringBuilder html, string id, string? shown, List<string> describedBy, HtmlEncoder e)
    {
        if (shown is null)
            return;
        html.Append($"<div class=\"govuk-hint\" id=\"{id}-hint\">{e.Encode(shown)}</div>");
        describedBy.Add(id + "-hint");
    }

    public static void ErrorMessage(StringBuilder html, string id, List<string> errors, List<string> describedBy, IStringLocalizer text, HtmlEncoder e)
    {
        if (errors.Count == 0)
            return;
        html.Append($"<p class=\"govuk-error-message\" id=\"{id}-error\"><span class=\"govuk-visually-hidden\">{e.Encode(text["Form_ErrorPrefix"])}</span> ");
        html.Append(string.Join(" ", errors.Select(m => e.Encode(m))));
        html.Append("</p>");
        describedBy.Add(id + "-error");
    }

    public static string DescribedBy(List<string> describedBy) =>
        describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : "";
}
