using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// Binds a text property from several form values (ticked boxes plus a pick) as one comma-separated
/// value, e.g. languages "az, ru". A single value (a carried hidden field) binds as it is.
/// </summary>
public sealed class JoinedValuesBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var context = bindingContext;
        var result = context.ValueProvider.GetValue(context.ModelName);
        if (result == ValueProviderResult.None)
            return Task.CompletedTask;
        var parts = result.Values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var joined = parts.Count == 0 ? null : string.Join(", ", parts);
        context.ModelState.SetModelValue(context.ModelName, joined, joined);
        context.Result = ModelBindingResult.Success(joined);
        return Task.CompletedTask;
    }
}
