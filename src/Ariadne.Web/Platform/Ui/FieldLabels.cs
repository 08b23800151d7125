using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// Names the field in each message of the error summary, so that "Choose a level." read three times
/// becomes "Trafficking: Choose a level.". A page may name its fields in <c>ViewData["FieldLabels"]</c>
/// (model-state key → resource key); otherwise the label follows the field name's convention
/// (<c>CaseField_</c>, <c>Field_</c>). A message that already names the field is left as it is.
/// </summary>
public static class FieldLabels
{
    public const string ViewDataKey = "FieldLabels";

    public static string Name(IStringLocalizer text, ViewDataDictionary viewData, string key, string message)
    {
        var label = Label(text, viewData, key);
        if (label is null || message.Contains(label, StringComparison.CurrentCultureIgnoreCase))
            return message;
        return $"{label}: {message}";
    }

    public static string? Label(IStringLocalizer text, ViewDataDictionary viewData, string key)
    {
        if (key.Length == 0)
            return null;
        if (viewData[ViewDataKey] is IReadOnlyDictionary<string, string> labels && labels.TryGetValue(key, out var named))
            return text[named];
        var field = key[(key.LastIndexOf('.') + 1)..];
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
            field = field[..bracket];
        if (field.Length == 0)
            return null;
        foreach (var candidate in new[] { "CaseField_" + char.ToLowerInvariant(field[0]) + field[1..], "Field_" + field })
        {
            var found = text[candidate];
            if (!found.ResourceNotFound)
                return found.Value;
        }
        return null;
    }
}
