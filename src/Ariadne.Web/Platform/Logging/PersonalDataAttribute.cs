using Microsoft.Extensions.Compliance.Classification;

namespace Ariadne.Web.Platform.Logging;

/// <summary>The data classes that must never reach a log in clear.</summary>
public static class AriadneTaxonomy
{
    public static DataClassification PersonalData { get; } = new("Ariadne", "PersonalData");
}

/// <summary>Marks a log parameter as personal data: the redactor erases it before any provider sees it.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PersonalDataAttribute() : DataClassificationAttribute(AriadneTaxonomy.PersonalData);
