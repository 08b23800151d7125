using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Localization;

/// <summary>Model binding's own messages ("the value is not valid") in the user's language.</summary>
public static class LocalizedBindingMessages
{
    public static void Apply(MvcOptions options, IStringLocalizerFactory factory)
    {
        var text = factory.Create(typeof(SharedResource));
        options.ModelBinderProviders.Insert(0, new Ui.DatePartsBinderProvider());
        options.ModelBinderProviders.Insert(0, new Ui.ExactEnumBinderProvider());
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((_, _) => text["Validation_ValueInvalid"]);
        messages.SetMissingBindRequiredValueAccessor(_ => text["Validation_Required"]);
        messages.SetMissingKeyOrValueAccessor(() => text["Validation_Required"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["Validation_Required"]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => text["Validation_ValueInvalid"]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Validation_ValueInvalid"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Validation_MustBeNumber"]);
        messages.SetUnknownValueIsInvalidAccessor(_ => text["Validation_ValueInvalid"]);
        messages.SetValueIsInvalidAccessor(_ => text["Validation_ValueInvalid"]);
        messages.SetValueMustBeANumberAccessor(_ => text["Validation_MustBeNumber"]);
        messages.SetValueMustNotBeNullAccessor(_ => text["Validation_Required"]);
    }
}
