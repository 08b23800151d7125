using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>
/// A person's return home (the plan's §3b): where to, with which partner, the travel documents, the escort, the dates and the
/// organisation that receives them. The details are Care, sealed under the person's key in <see cref="ContentEnc"/>; the
/// travel documents' numbers are Identity, sealed apart in <see cref="DocumentNumbersEnc"/>. <see cref="SharedAt"/> is when
/// the case's investigator shared the minimal travel view with the partner (which also needs the person's consent in force).
/// </summary>
public sealed class Repatriation
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [DataClass(DataClass.Care)] public RepatriationStatus Status { get; set; } = RepatriationStatus.Planned;
    /// <summary>The partner institution in the system that handles the return (an international partner); null when the partner is only named.</summary>
    [DataClass(DataClass.Care)] public Guid? PartnerInstitutionId { get; set; }
    [DataClass(DataClass.Care)] public byte[]? ContentEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? DocumentNumbersEnc { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
    [NotPersonal] public Guid UpdatedBy { get; set; }
    [NotPersonal] public DateTimeOffset? SharedAt { get; set; }
    [NotPersonal] public Guid? SharedBy { get; set; }
}
