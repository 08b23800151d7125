using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// An item of the evidence locker: a file taken in for a criminal file. Its content is sealed under the file's data key
/// (<see cref="EvidenceContent"/>, a row of its own so that lists never load it). On intake it gets the SHA-256 of its
/// clear content and a timestamp signed with the system's checkpoint key over (item, hash, time); every custody event
/// re-checks that hash, and <c>evidence verify</c> re-checks all of it.
/// </summary>
public sealed class EvidenceItem
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>A random number the locker quotes (EV-2026-7Q3K9M).</summary>
    [NotPersonal] public string Number { get; set; } = "";
    [NotPersonal] public Guid FileId { get; set; }
    /// <summary>What it is and where it came from (sealed).</summary>
    [DataClass(DataClass.Investigation)] public byte[]? DescriptionEnc { get; set; }
    /// <summary>The file name as received, made safe (sealed: a name can say who is on it).</summary>
    [DataClass(DataClass.Investigation)] public byte[]? FileNameEnc { get; set; }
    /// <summary>The type recognised from the content (never the declared one).</summary>
    [NotPersonal] public string ContentType { get; set; } = "";
    [NotPersonal] public long Size { get; set; }
    /// <summary>SHA-256 of the clear content at intake.</summary>
    [NotPersonal] public byte[] Sha256 { get; set; } = [];
    [NotPersonal] public DateTimeOffset ReceivedAt { get; set; }
    [NotPersonal] public Guid ReceivedBy { get; set; }
    /// <summary>ECDSA P-256 signature by the checkpoint key over <see cref="EvidenceLocker.TimestampStatement"/>.</summary>
    [NotPersonal] public byte[] TimestampSignature { get; set; } = [];
    [NotPersonal] public string SigningKeyId { get; set; } = "";
    /// <summary>Who holds it now (the last transfer's receiver) and where it is kept.</summary>
    [NotPersonal] public Guid HolderUserId { get; set; }
    [NotPersonal] public Guid HolderInstitutionId { get; set; }
    [NotPersonal] public string Location { get; set; } = "";
    [NotPersonal] public int CustodyCount { get; set; }
    [NotPersonal] public Guid DataKeyId { get; set; }
}
