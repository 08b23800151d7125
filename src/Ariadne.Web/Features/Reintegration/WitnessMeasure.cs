using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>
/// A measure protecting a victim or witness who gave evidence (the plan's §3b and §6), linked to the investigation by the
/// criminal case's reference (sealed). Investigation class: the Squad and the prosecutor with access see it. A measure never
/// carries an address: a relocation names only the institution that holds the location (<see cref="HeldByInstitutionId"/>).
/// </summary>
public sealed class WitnessMeasure
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [DataClass(DataClass.Investigation)] public WitnessMeasureKind Kind { get; set; }
    [DataClass(DataClass.Investigation)] public WitnessMeasureStatus Status { get; set; } = WitnessMeasureStatus.Requested;
    /// <summary>For a relocation: the institution that holds the new location (the location itself is never recorded here).</summary>
    [DataClass(DataClass.Investigation)] public Guid? HeldByInstitutionId { get; set; }
    /// <summary>The criminal case's number or another reference to the investigation.</summary>
    [DataClass(DataClass.Investigation)] public byte[]? ReferenceEnc { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
    [NotPersonal] public Guid UpdatedBy { get; set; }
}
