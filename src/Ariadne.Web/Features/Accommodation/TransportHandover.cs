using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// The hand-over of a person on their way to a held bed: the escorting institution, where the escort picks the person up
/// (never the shelter's address), and a one-time code the shelter gives the escort. Only the code's keyed hash is kept;
/// it expires, it is used once, and wrong attempts are counted until the hand-over locks. The meeting point and the
/// alias the person chose are sealed under the shelter's data key.
/// </summary>
public sealed class TransportHandover
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid ShelterId { get; set; }
    [NotPersonal] public Guid BedId { get; set; }
    [NotPersonal] public Guid EscortInstitutionId { get; set; }
    [DataClass(DataClass.ContactLocation)] public byte[]? MeetingPointEnc { get; set; }
    [DataClass(DataClass.Status)] public byte[]? AliasEnc { get; set; }
    /// <summary>HMAC-SHA256 of the code under a key derived for this hand-over: the code itself is never stored.</summary>
    [NotPersonal] public required byte[] CodeHash { get; set; }
    [NotPersonal] public DateTimeOffset ExpiresAt { get; set; }
    [NotPersonal] public int FailedAttempts { get; set; }
    [NotPersonal] public DateTimeOffset? ConfirmedAt { get; set; }
    [NotPersonal] public Guid? ConfirmedBy { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }

    public bool Pending(DateTimeOffset now) => ConfirmedAt is null && ExpiresAt > now && FailedAttempts < MaxAttempts;
}
