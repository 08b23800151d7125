using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// A file attached at its step of the referral form, kept until the referral is sent (then it becomes a
/// <see cref="ReferralFile"/> and this row and its key are destroyed in the same transaction) or until it expires.
/// Only the person filling in the form (<see cref="OwnerUserId"/>, <see cref="SubmissionId"/>) can see or remove it.
/// Each draft has its own data key, destroyed with it.
/// </summary>
public sealed class ReferralDraftFile
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid OwnerUserId { get; set; }
    [NotPersonal] public Guid SubmissionId { get; set; }
    [NotPersonal] public Guid DataKeyId { get; set; }
    [NotPersonal] public required string ContentType { get; set; }
    [NotPersonal] public long Size { get; set; }
    [DataClass(DataClass.Identity | DataClass.Investigation)] public byte[]? NameEnc { get; set; }
    [DataClass(DataClass.Identity | DataClass.Investigation)] public required byte[] ContentEnc { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the referral took it: the content is then unreadable (its key destroyed); the row stays until it expires,
    /// so that a resent form is recognised as the same one.</summary>
    [NotPersonal] public DateTimeOffset? ConsumedAt { get; set; }
}
