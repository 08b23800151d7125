using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// An entity of a criminal file's link analysis (issue 15 §3): a person, phone, address, vehicle, company, bank account,
/// travel or payment, with its source, reliability grade, handling code and validity interval. Values are sealed under
/// the file's data key; <see cref="MatchKey"/> is a keyed HMAC of the normalised value, so that the same phone or account
/// in another file is found as a connection without decrypting anything and without revealing the other file.
/// </summary>
public sealed class FileEntity
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public EntityKind Kind { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? ValueEnc { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? DetailEnc { get; set; }
    /// <summary>ISO 3166-1 alpha-3.</summary>
    [DataClass(DataClass.Investigation)] public string? Country { get; set; }
    [DataClass(DataClass.Investigation)] public DateOnly? ValidFrom { get; set; }
    [DataClass(DataClass.Investigation)] public DateOnly? ValidUntil { get; set; }
    /// <summary>Where the information comes from ("witness statement of 3 May", "bank reply").</summary>
    [DataClass(DataClass.Investigation)] public byte[]? SourceEnc { get; set; }
    /// <summary>The reliability grade: source evaluation and information assessment codes ("B2"), from the configured grading.</summary>
    [NotPersonal] public string Reliability { get; set; } = "";
    /// <summary>The handling code ("H1"…"H5" in the 5×5×5), which decides where the entity may go (exports, foreign requests).</summary>
    [NotPersonal] public string Handling { get; set; } = "";
    /// <summary>Keyed HMAC (base64) of kind and normalised value; null when the value has no reliable key.</summary>
    [DataClass(DataClass.Investigation)] public string? MatchKey { get; set; }
    /// <summary>The party of the file this person entity stands for (and through it, the party's protection case).</summary>
    [NotPersonal] public Guid? PartyId { get; set; }
    /// <summary>Set while a confirmed merge folds this entity into another of the same file; cleared by an undo.</summary>
    [NotPersonal] public Guid? MergedIntoId { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
}
