using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// "Connection exists — ask the owner": a user saw that an entity of a file they may see connects to a file or a
/// protection case they may not see. The request goes to the owner with the requester's reason, never the data; the
/// requester learns nothing until the owner grants access (a grant of their own, audited) or refuses.
/// </summary>
public sealed class ConnectionRequest
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public ConnectionTarget Target { get; set; }
    /// <summary>The unseen file or case. Never shown to the requester.</summary>
    [NotPersonal] public Guid TargetId { get; set; }
    /// <summary>The institution that owns the target and decides.</summary>
    [NotPersonal] public Guid OwnerInstitutionId { get; set; }
    /// <summary>The requester's file and entity through which the connection was seen.</summary>
    [NotPersonal] public Guid FromFileId { get; set; }
    [NotPersonal] public Guid FromEntityId { get; set; }
    [NotPersonal] public Guid RequestedBy { get; set; }
    [NotPersonal] public Guid RequesterInstitutionId { get; set; }
    /// <summary>The relation a grant would give (the requester's own: Investigator, Prosecutor or Court).</summary>
    [NotPersonal] public Relation Relation { get; set; }
    /// <summary>Why the requester needs it, sealed under the request's own data key.</summary>
    [DataClass(DataClass.Investigation)] public byte[]? ReasonEnc { get; set; }
    [NotPersonal] public Guid DataKeyId { get; set; }
    [NotPersonal] public DateTimeOffset RequestedAt { get; set; }
    [NotPersonal] public ConnectionRequestStatus Status { get; set; } = ConnectionRequestStatus.Pending;
    [NotPersonal] public Guid? DecidedBy { get; set; }
    [NotPersonal] public DateTimeOffset? DecidedAt { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? DecisionNoteEnc { get; set; }
}
