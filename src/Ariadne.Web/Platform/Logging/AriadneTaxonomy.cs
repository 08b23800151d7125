using Microsoft.Extensions.Compliance.Classification;

namespace Ariadne.Web.Platform.Logging;

/// <summary>The data classes that must never reach a log in clear.</summary>
public static class AriadneTaxonomy
{
    public static DataClassification PersonalData { get; } = new("Ariadne", "PersonalData");
}
