using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

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
