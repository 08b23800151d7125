using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// A need an institution states (issue 16 §3; the plan's §1 and §3d): what it lacks, where, how much, when and how pressing.
/// Not personal data (the form says so), not public: participants see it, donors see it while it is open.
/// </summary>
public sealed class Need
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid InstitutionId { get; set; }
    [NotPersonal] public NeedCategory Category { get; set; }
    [NotPersonal] public string Title { get; set; } = "";
    [NotPersonal] public string Description { get; set; } = "";
    /// <summary>The language the title and description are written in (az, ru or en): the IATI narratives carry it.</summary>
    [NotPersonal] public string Language { get; set; } = "az";
    /// <summary>The regions, by name, comma-separated (<see cref="Region"/>).</summary>
    [NotPersonal] public string Regions { get; set; } = "";
    [NotPersonal] public int? Quantity { get; set; }
    [NotPersonal] public string? Unit { get; set; }
    /// <summary>The amount asked for (or the estimated value of what is asked), when it applies.</summary>
    [NotPersonal] public decimal? Amount { get; set; }
    [NotPersonal] public Currency? Currency { get; set; }
    [NotPersonal] public DateOnly From { get; set; }
    [NotPersonal] public DateOnly Until { get; set; }
    [NotPersonal] public NeedPriority Priority { get; set; }
    /// <summary>Kept equal to <see cref="ResourceLedger.StatusOf"/> of its flows on every write.</summary>
    [NotPersonal] public NeedStatus Status { get; set; } = NeedStatus.Open;
    /// <summary>The IATI identifier it came in with (an imported activity); null for a need recorded here.</summary>
    [NotPersonal] public string? IatiIdentifier { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
}
