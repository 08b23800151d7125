using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Coordination;

/// <summary>A typed actual of a measure's indicator for one calendar year (only for indicators the system cannot compute).</summary>
public sealed class IndicatorActual
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid MeasureId { get; set; }
    [NotPersonal] public int Year { get; set; }
    [NotPersonal] public decimal Value { get; set; }
    [NotPersonal] public string? Note { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
}
