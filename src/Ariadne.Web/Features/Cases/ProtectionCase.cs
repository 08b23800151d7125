using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// A protection case: a person and their trafficking situation. The number is pseudonymous (random,
/// not a sequence) so it reveals neither the person nor how many cases exist. Status fields are clear;
/// the situation, legal and care notes are encrypted under the person's data key.
/// </summary>
public sealed class ProtectionCase
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [DataClass(DataClass.Status)] public required string Number { get; set; }
    [NotPersonal] public Guid PersonId { get; set; }
    [NotPersonal] public Person? Person { get; set; }
    [DataClass(DataClass.Status)] public CaseStatus Status { get; set; } = CaseStatus.Active;
    /// <summary>Why the case was closed; set with a closed status, cleared when the case re-opens.</summary>
    [DataClass(DataClass.Status)] public CaseClosureOutcome? ClosureOutcome { get; set; }
    [DataClass(DataClass.Status)] public Guid ResponsibleInstitutionId { get; set; }
    /// <summary>The person was under 18 when the case opened: the extra protections of PRODUCT.md apply.</summary>
    [DataClass(DataClass.Status)] public bool IsMinor { get; set; }
    [DataClass(DataClass.Status)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Microseconds since 1970 at creation, unique: the keyset for "newest first" paging.</summary>
    [DataClass(DataClass.Status)] public long Recency { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? SituationEnc { get; set; }
    [DataClass(DataClass.Legal)] public byte[]? LegalEnc { get; set; }
    [DataClass(DataClass.Care)] public byte[]? CareEnc { get; set; }
    /// <summary>HTCDS trafficking status; Possible until an identification decision says otherwise.</summary>
    [DataClass(DataClass.Status)] public TraffickingStatus TraffickingStatus { get; set; } = TraffickingStatus.Possible;
    [DataClass(DataClass.Status)] public DateOnly? ReflectionStartsOn { get; set; }
    [DataClass(DataClass.Status)] public DateOnly? ReflectionEndsOn { get; set; }
    [DataClass(DataClass.Care)] public byte[]? SafetyPlanEnc { get; set; }
}
