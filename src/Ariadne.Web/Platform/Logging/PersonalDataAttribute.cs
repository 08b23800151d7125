using Microsoft.Extensions.Compliance.Classification;

namespace Ariadne.Web.Platform.Logging;

/// <summary>Marks a log parameter as personal data: the redactor erases it before any provider sees it.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PersonalDataAttribute() : DataClassificationAttribute(AriadneTaxonomy.PersonalData);
