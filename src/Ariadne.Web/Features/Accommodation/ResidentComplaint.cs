using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// A resident's complaint. The text and the outcome are sealed under the complaint's own data key and opened only for
/// the oversight body (auditors); the shelter's staff and the Squad have no path to it.
/// </summary>
public sealed class ResidentComplaint
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid PlacementId { get; set; }
    [NotPersonal] public Guid ShelterId { get; set; }
    [NotPersonal] public ComplaintChannel Channel { get; set; }
    [NotPersonal] public Guid? RecordedBy { get; set; }
    [NotPersonal] public DateTimeOffset ReceivedAt { get; set; }
    [NotPersonal] public ComplaintStatus Status { get; set; } = ComplaintStatus.Received;
    [NotPersonal] public Guid DataKeyId { get; set; }
    [DataClass(DataClass.Care)] public byte[]? TextEnc { get; set; }
    [DataClass(DataClass.Care)] public byte[]? OutcomeEnc { get; set; }
    [NotPersonal] public DateTimeOffset? UpdatedAt { get; set; }
}
