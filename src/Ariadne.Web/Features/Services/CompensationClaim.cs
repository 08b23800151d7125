using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Services;

/// <summary>
/// Legal aid's outcome that GRETA asks about: a compensation claim, claimed (when, how much, from whom), awarded and paid.
/// Legal class; the amounts, dates and the party are sealed under the person's key, the stage is kept clear for lists.
/// </summary>
public sealed class CompensationClaim
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [DataClass(DataClass.Legal)] public CompensationStage Stage { get; set; } = CompensationStage.Claimed;
    [DataClass(DataClass.Legal)] public byte[]? ContentEnc { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
    [NotPersonal] public Guid UpdatedBy { get; set; }
}
