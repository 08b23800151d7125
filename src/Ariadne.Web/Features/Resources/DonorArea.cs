using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// What a donor supports, as it stated through the Coordinator and the Coordinator recorded: categories, regions, a period and a
/// ceiling. It is what the matching reads.
/// </summary>
public sealed class DonorArea
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid DonorId { get; set; }
    /// <summary>Categories by name, comma-separated (<see cref="NeedCategory"/>).</summary>
    [NotPersonal] public string Categories { get; set; } = "";
    /// <summary>Regions by name, comma-separated (<see cref="Region"/>); Nationwide covers every region.</summary>
    [NotPersonal] public string Regions { get; set; } = "";
    [NotPersonal] public DateOnly From { get; set; }
    [NotPersonal] public DateOnly Until { get; set; }
    [NotPersonal] public decimal Ceiling { get; set; }
    [NotPersonal] public Currency Currency { get; set; }
    /// <summary>The Coordinator who recorded (and so approved) it.</summary>
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
}
