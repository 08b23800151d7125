using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// A merge a person confirmed: <see cref="MergedId"/> is shown as <see cref="KeptId"/> from then on (its links follow),
/// until someone undoes it. The reasons are the suggestion's resource keys only, never values.
/// </summary>
public sealed class EntityMerge
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public Guid KeptId { get; set; }
    [NotPersonal] public Guid MergedId { get; set; }
    [NotPersonal] public double Score { get; set; }
    /// <summary>The explanation's keys, comma-separated ("Resolution_SameNumber").</summary>
    [NotPersonal] public string Reasons { get; set; } = "";
    [NotPersonal] public DateTimeOffset ConfirmedAt { get; set; }
    [NotPersonal] public Guid ConfirmedBy { get; set; }
    [NotPersonal] public DateTimeOffset? UndoneAt { get; set; }
    [NotPersonal] public Guid? UndoneBy { get; set; }
}
