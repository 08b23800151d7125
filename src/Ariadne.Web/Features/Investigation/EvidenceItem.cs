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

/// <summary>The sealed content of an evidence item.</summary>
public sealed class EvidenceContent
{
    [NotPersonal] public Guid ItemId { get; set; }
    [DataClass(DataClass.Investigation)] public byte[] ContentEnc { get; set; } = [];
}

public enum CustodyKind
{
    Intake = 1,
    Transfer = 2,
    Examination = 3,
    DisclosureToDefence = 4,
    DisclosureToCourt = 5,
    Download = 6,
    Returned = 7,
}

/// <summary>
/// One link of an item's chain of custody: who, when, why, where, and to whom. Append-only (a trigger refuses UPDATE and
/// DELETE); each event records the content hash it re-computed and whether it matched, and chains to the one before by
/// SHA-256 (<see cref="PreviousHash"/> → <see cref="Hash"/>), so that a changed, removed or inserted event breaks the chain.
/// </summary>
public sealed class CustodyEvent
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid ItemId { get; set; }
    [NotPersonal] public int Sequence { get; set; }
    [NotPersonal] public CustodyKind Kind { get; set; }
    [NotPersonal] public DateTimeOffset At { get; set; }
    [NotPersonal] public Guid ByUserId { get; set; }
    [NotPersonal] public Guid ByInstitutionId { get; set; }
    [NotPersonal] public Guid? ToUserId { get; set; }
    [NotPersonal] public Guid? ToInstitutionId { get; set; }
    /// <summary>Where the item is after this event (an evidence room, a laboratory, the court's registry).</summary>
    [NotPersonal] public string Location { get; set; } = "";
    /// <summary>Why (sealed under the file's key).</summary>
    [DataClass(DataClass.Investigation)] public byte[]? ReasonEnc { get; set; }
    /// <summary>Whether the content's SHA-256, computed again for this event, matched the intake hash.</summary>
    [NotPersonal] public bool HashMatched { get; set; }
    [NotPersonal] public byte[] PreviousHash { get; set; } = [];
    [NotPersonal] public byte[] Hash { get; set; } = [];
}
