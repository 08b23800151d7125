using Ariadne.Web.Platform.Ui;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Helpline;

/// <summary>What the operator records about a contact, from the console or the API. Everything is optional until it is closed.</summary>
public sealed class ContactInput
{
    public const int MaxSummary = 4000;
    public const int MaxWhereabouts = 500;

    public ContactChannel? Channel { get; set; }
    public CallerType? CallerType { get; set; }
    public string? Language { get; set; }
    public ContactCategory? Category { get; set; }
    public ConsentBasis? ConsentBasis { get; set; }
    /// <summary>The caller's number, when the operator has it (an SMS, a walk-in who gives it): kept only as a keyed HMAC.</summary>
    public string? CallerNumber { get; set; }
    public string? Summary { get; set; }
    public string? Whereabouts { get; set; }
    /// <summary>Close the contact once saved (a category is then required, and the consent basis for a trafficking tip).</summary>
    public bool Close { get; set; }

    /// <summary>A phone number as people write it: 5 to 30 characters of digits, spaces, +, -, dots and brackets, at least 5 digits.</summary>
    public static bool IsPhoneNumber(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length <= 30 && trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '.' or '(' or ')')
            && trimmed.Count(char.IsAsciiDigit) >= 5;
    }

    public Dictionary<string, string[]> Validate(IStringLocalizer text)
    {
        var errors = new Dictionary<string, string[]>();
        if (Channel is { } channel && !Enum.IsDefined(channel))
            errors[nameof(Channel)] = [text["Helpline_ChannelInvalid"]];
        if (CallerType is { } caller && !Enum.IsDefined(caller))
            errors[nameof(CallerType)] = [text["Helpline_CallerTypeInvalid"]];
        if (!string.IsNullOrWhiteSpace(Language) && !Languages.IsKnown(Language))
            errors[nameof(Language)] = [text["Helpline_LanguageInvalid"]];
        if (Category is { } category && !Enum.IsDefined(category))
            errors[nameof(Category)] = [text["Helpline_CategoryRequired"]];
        if (ConsentBasis is { } basis && !Enum.IsDefined(basis))
            errors[nameof(ConsentBasis)] = [text["Helpline_ConsentBasisRequired"]];
        if (CallerNumber is { } number && !string.IsNullOrWhiteSpace(number) && !IsPhoneNumber(number))
            errors[nameof(CallerNumber)] = [text["Helpline_NumberInvalid"]];
        if (Summary?.Trim().Length > MaxSummary)
            errors[nameof(Summary)] = [text["Validation_TooLong", MaxSummary]];
        if (Whereabouts?.Trim().Length > MaxWhereabouts)
            errors[nameof(Whereabouts)] = [text["Validation_TooLong", MaxWhereabouts]];
        if (Close)
        {
            if (Category is null)
                errors.TryAdd(nameof(Category), [text["Helpline_CategoryRequired"]]);
            else if (ContactCategories.IsTrafficking(Category.Value) && ConsentBasis is null)
                errors.TryAdd(nameof(ConsentBasis), [text["Helpline_ConsentBasisRequired"]]);
        }
        // Danger and children are forwarded at once: the Squad needs to know where to go.
        if (ConsentBasis is Helpline.ConsentBasis.ImminentDanger && string.IsNullOrWhiteSpace(Whereabouts) && string.IsNullOrWhiteSpace(Summary))
            errors.TryAdd(nameof(Whereabouts), [text["Helpline_DangerNeedsWhere"]]);
        return errors;
    }
}
