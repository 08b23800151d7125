using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Ariadne.Web.Platform.Ui;

/// <summary>One declared value of <paramref name="type"/> by its name or number; anything else is the localized "value is not valid".</summary>
public sealed class ExactEnumBinder(Type type) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var name = bindingContext.ModelName;
        var result = bindingContext.ValueProvider.GetValue(name);
        if (result == ValueProviderResult.None)
            return Task.CompletedTask;
        bindingContext.ModelState.SetModelValue(name, result);
        var raw = result.FirstValue?.Trim();
        var messages = bindingContext.ModelMetadata.ModelBindingMessageProvider;
        if (string.IsNullOrEmpty(raw))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
                bindingContext.Result = ModelBindingResult.Success(null);
            else
                bindingContext.ModelState.TryAddModelError(name, messages.ValueMustNotBeNullAccessor(raw ?? ""));
            return Task.CompletedTask;
        }
        if (!raw.Contains(',', StringComparison.Ordinal) && Enum.TryParse(type, raw, ignoreCase: true, out var value) && Enum.IsDefined(type, value))
            bindingContext.Result = ModelBindingResult.Success(value);
        else
            bindingContext.ModelState.TryAddModelError(name, messages.AttemptedValueIsInvalidAccessor(raw, name));
        return Task.CompletedTask;
    }
}
