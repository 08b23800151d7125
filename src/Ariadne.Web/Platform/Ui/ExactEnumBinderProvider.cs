using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// Every enum a page binds (not a [Flags] one) takes exactly one of its declared values. The framework's binder reads
/// "Met,NotMet" or "Closed,UnderReview" as the two values or-ed together, which can land on a third, declared value:
/// a forged post would save an answer nobody chose.
/// </summary>
public sealed class ExactEnumBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type.IsEnum && !type.IsDefined(typeof(FlagsAttribute), inherit: false) ? new ExactEnumBinder(type) : null;
    }
}
