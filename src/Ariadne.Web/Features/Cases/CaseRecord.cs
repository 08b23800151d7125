using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// The case's own fields in clear, each with its data class and, if the case page edits it, its input
/// kind: the only declaration of these fields' classes (projection, input, form and API schema read it).
/// </summary>
public sealed record CaseRecord
{
    [DataClass(DataClass.Status)] public required string Number { get; init; }
    [DataClass(DataClass.Status, FieldInput.Status)] public CaseStatus Status { get; init; }
    /// <summary>Why the case was closed (HTCDS/CTDC case-closure outcome): required to close, cleared when the case re-opens.</summary>
    [DataClass(DataClass.Status, FieldInput.Outcome)] public CaseClosureOutcome? ClosureOutcome { get; init; }
    [DataClass(DataClass.Status, FieldInput.Flag)] public bool IsMinor { get; init; }
    [DataClass(DataClass.Status)] public Guid ResponsibleInstitutionId { get; init; }
    [DataClass(DataClass.Status)] public DateTimeOffset CreatedAt { get; init; }
    [DataClass(DataClass.Status)] public TraffickingStatus TraffickingStatus { get; init; }
    [DataClass(DataClass.Status)] public DateOnly? ReflectionEndsOn { get; init; }
    [DataClass(DataClass.Investigation, FieldInput.LongText)] public string? Situation { get; init; }
    [DataClass(DataClass.Legal, FieldInput.LongText)] public string? Legal { get; init; }
    [DataClass(DataClass.Care, FieldInput.LongText)] public string? Care { get; init; }
    [DataClass(DataClass.Care, FieldInput.LongText)] public string? SafetyPlan { get; init; }
}
