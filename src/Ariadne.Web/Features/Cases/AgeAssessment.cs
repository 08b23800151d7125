using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// A recorded age assessment of a case's person: the only thing that may lower the child flag. Kept as
/// history (never changed or deleted); the rationale is encrypted under the person's data key.
/// </summary>
public sealed class AgeAssessment
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [DataClass(DataClass.Status)] public AgeOutcome Outcome { get; set; }
    [DataClass(DataClass.Status)] public AgeMethod Method { get; set; }
    [DataClass(DataClass.Status)] public DateOnly AssessedOn { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? RationaleEnc { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
}
