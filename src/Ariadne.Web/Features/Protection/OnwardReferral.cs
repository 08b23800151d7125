using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// The Squad refers the person on to a shelter, a service provider or a repatriation partner, choosing
/// which data classes to share. Acceptance creates the recipient's grant; decline, completion or the
/// withdrawal of consent ends it. The note to the recipient is encrypted under the person's key.
/// </summary>
public sealed class OnwardReferral
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [DataClass(DataClass.Care)] public Guid RecipientInstitutionId { get; set; }
    [DataClass(DataClass.Care)] public Relation Relation { get; set; }
    [NotPersonal] public DataClass Share { get; set; }
    [DataClass(DataClass.Status)] public OnwardStatus Status { get; set; } = OnwardStatus.Pending;
    [NotPersonal] public DateTimeOffset SentAt { get; set; }
    [NotPersonal] public Guid SentBy { get; set; }
    [NotPersonal] public DateTimeOffset? RespondedAt { get; set; }
    [NotPersonal] public Guid? RespondedBy { get; set; }
    [NotPersonal] public DateTimeOffset? ClosedAt { get; set; }
    [NotPersonal] public Guid? GrantId { get; set; }
    [DataClass(DataClass.Care)] public byte[]? NoteEnc { get; set; }
}
