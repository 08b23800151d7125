using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The only way to a criminal file: a user or an institution, a relation (<see cref="Relation.Investigator"/>,
/// <see cref="Relation.SquadSupervisor"/>, <see cref="Relation.Prosecutor"/>, <see cref="Relation.Court"/>), a validity
/// period, who granted it and why. Same shape and the same rules as the platform's case grants.
/// </summary>
public sealed class FileGrant
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public Guid? GranteeUserId { get; set; }
    [NotPersonal] public Guid? GranteeInstitutionId { get; set; }
    [NotPersonal] public Relation Relation { get; set; }
    [NotPersonal] public DateTimeOffset ValidFrom { get; set; }
    [NotPersonal] public DateTimeOffset? ValidUntil { get; set; }
    [NotPersonal] public Guid GrantedBy { get; set; }
    [NotPersonal] public string Reason { get; set; } = "";
    [NotPersonal] public DateTimeOffset? RevokedAt { get; set; }
    [NotPersonal] public Guid? RevokedBy { get; set; }
    /// <summary>
    /// A grant to read only, whatever its relation: given when an owner grants a connection request ("ask the owner").
    /// Its holder sees the file but keeps, supervises, prosecutes and judges nothing (<see cref="FileRights.ReadsOnly"/>).
    /// </summary>
    [NotPersonal] public bool ReadOnly { get; set; }
}
