namespace Ariadne.Web.Platform.Access;

/// <summary>
/// An emergency, read-only, location-redacted opening of one case by one user, for at most four hours,
/// notified at once and queued for oversight's review. The free text is encrypted under the person's key.
/// </summary>
public sealed class BreakGlassAccess
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public Guid UserId { get; set; }
    [NotPersonal] public Guid InstitutionId { get; set; }
    [NotPersonal] public BreakGlassReason Reason { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? ExplanationEnc { get; set; }
    [NotPersonal] public DateTimeOffset StartedAt { get; set; }
    [NotPersonal] public DateTimeOffset ExpiresAt { get; set; }
    [NotPersonal] public DateTimeOffset? ReviewedAt { get; set; }
    [NotPersonal] public Guid? ReviewedBy { get; set; }
    [NotPersonal] public bool? Justified { get; set; }
}
