using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

/// <summary>A risk assessment (danger from traffickers, health, re-trafficking): Investigation class, encrypted, kept as history.</summary>
public sealed class RiskAssessment
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? ContentEnc { get; set; }
}
