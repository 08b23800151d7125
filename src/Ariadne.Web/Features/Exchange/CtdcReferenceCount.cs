using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// CTDC reference data: how many rows of one imported file share these coarse categories. Aggregate only — the rows of a
/// CTDC file are never cases, and nothing links a count to a person. Codes as the statistics use them
/// (<see cref="Platform.Statistics.StatCodes"/>): sex F/M/X, CTDC age bands, ISO alpha-3 countries.
/// </summary>
public sealed class CtdcReferenceCount
{
    [NotPersonal] public long Id { get; set; }
    [NotPersonal] public Guid ImportId { get; set; }
    /// <summary>yearOfRegistration, or null when missing.</summary>
    [NotPersonal] public int? Year { get; set; }
    [NotPersonal] public string? Sex { get; set; }
    [NotPersonal] public string? AgeBand { get; set; }
    /// <summary>"adult" or "minor" (CTDC majorityStatus), or null.</summary>
    [NotPersonal] public string? Majority { get; set; }
    [NotPersonal] public string? Citizenship { get; set; }
    /// <summary>Country of exploitation.</summary>
    [NotPersonal] public string? Country { get; set; }
    /// <summary>The forms of exploitation the row's flags say, as <see cref="Platform.Statistics.StatCodes.ExploitationForms"/> codes joined by ";" in that order, or null.</summary>
    [NotPersonal] public string? Exploitation { get; set; }
    [NotPersonal] public int Count { get; set; }
}
