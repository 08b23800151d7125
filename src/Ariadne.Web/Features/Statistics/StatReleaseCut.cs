using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// The register of released tables: one row per table of a published release, with its period and the cells it hid
/// ("row|column" codes). A new cut is checked against every registered cut of the same table whose period overlaps.
/// </summary>
public sealed class StatReleaseCut
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid ReleaseId { get; set; }
    [NotPersonal] public required string TableCode { get; set; }
    [NotPersonal] public DateOnly From { get; set; }
    [NotPersonal] public DateOnly Until { get; set; }
    /// <summary>JSON list of the hidden cells' "row|column" codes (totals as "*").</summary>
    [NotPersonal] public string Hidden { get; set; } = "[]";
    [NotPersonal] public DateTimeOffset RegisteredAt { get; set; }
}
