using Ariadne.Web.Platform.Participants;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Identification;

/// <summary>The "Identification" settings: who may decide, and how long the recovery and reflection period runs.</summary>
public sealed class IdentificationOptions
{
    public const string Section = "Identification";

    /// <summary>Comma-separated <see cref="InstitutionKind"/> names whose institutions may make formal identification decisions.</summary>
    /// A setting cleared to null (the binder sets it so) means the default, as an absent one.
    public string DecidingKinds
    {
        get;
        set => field = value ?? nameof(InstitutionKind.AntiTraffickingSquad);
    } = nameof(InstitutionKind.AntiTraffickingSquad);

    /// <summary>Days of the recovery and reflection period from identification.</summary>
    public int ReflectionDays { get; set; } = 30;

    /// <summary>The kinds named in <see cref="DecidingKinds"/>.</summary>
    public IReadOnlySet<InstitutionKind> Deciding => Names().Select(Enum.Parse<InstitutionKind>).ToHashSet();

    /// <summary>The names in <see cref="DecidingKinds"/> that are not an institution kind.</summary>
    public IEnumerable<string> UnknownKinds() => Names().Where(n => !Enum.TryParse<InstitutionKind>(n, out var kind) || !Enum.IsDefined(kind) || char.IsDigit(n[0]));

    private string[] Names() => DecidingKinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Stops the start on a kind that does not exist or a period that is not positive, naming the key.</summary>
    public sealed class Validator : IValidateOptions<IdentificationOptions>
    {
        public ValidateOptionsResult Validate(string? name, IdentificationOptions options)
        {
            var failures = new List<string>();
            if (options.UnknownKinds().ToList() is { Count: > 0 } unknown)
                failures.Add($"Identification:DecidingKinds names no institution kind: {string.Join(", ", unknown)} "
                    + $"(known: {string.Join(", ", Enum.GetNames<InstitutionKind>())}).");
            if (options.ReflectionDays <= 0)
                failures.Add("Identification:ReflectionDays must be a whole number of days greater than 0.");
            return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
        }
    }
}
