using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// Binds a date from GOV.UK's three boxes (<c>Name.Day</c>, <c>Name.Month</c>, <c>Name.Year</c>) or from one
/// value in any of <see cref="DateText"/>'s forms (a carried hidden field, a pasted <c>12.05.1998</c>).
/// A <see cref="DateOnly"/> that does not make a date is a model error naming the field; a string
/// property receives the ISO date, or what was typed for its validator to refuse.
/// </summary>
public sealed class DatePartsBinder(IStringLocalizer<SharedResource> text) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var context = bindingContext;
        var name = context.ModelName;
        var values = context.ValueProvider;
        string? typed;
        var whole = values.GetValue(name);
        if (whole != ValueProviderResult.None && !string.IsNullOrWhiteSpace(whole.FirstValue))
            typed = DateText.Normalize(whole.FirstValue);
        else
            typed = DateText.FromParts(values.GetValue(name + ".Day").FirstValue, values.GetValue(name + ".Month").FirstValue, values.GetValue(name + ".Year").FirstValue);
        context.ModelState.SetModelValue(name, typed, typed);
        var type = Nullable.GetUnderlyingType(context.ModelType) ?? context.ModelType;
        if (type == typeof(string))
        {
            context.Result = ModelBindingResult.Success(typed);
            return Task.CompletedTask;
        }
        if (typed is null)
        {
            context.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }
        if (DateText.TryParse(typed, out var date))
        {
            context.Result = ModelBindingResult.Success(date);
            return Task.CompletedTask;
        }
        context.ModelState.TryAddModelError(name, text["Validation_DateInvalid"]);
        context.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}
