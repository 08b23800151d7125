using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>Every <see cref="DateOnly"/> a page binds comes from day / month / year boxes (or one typed date).</summary>
public sealed class DatePartsBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        (Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType) == typeof(DateOnly)
            ? new DatePartsBinder(context.Services.GetRequiredService<IStringLocalizer<SharedResource>>())
            : null;
}
