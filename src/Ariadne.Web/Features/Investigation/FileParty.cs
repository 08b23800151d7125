using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// A suspect, victim or witness of the file. The name and what is known are sealed; a victim or witness may be linked
/// to their protection case, which stays behind its own grants (the link shows only to those who may see the case).
/// </summary>
public sealed class FileParty
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public PartyRole Role { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? NameEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? DetailEnc { get; set; }
    [DataClass(DataClass.Identity)] public PartySex Sex { get; set; } = PartySex.Unknown;
    [DataClass(DataClass.Identity)] public int? BirthYear { get; set; }
    /// <summary>ISO 3166-1 alpha-3, as the case records keep it.</summary>
    [DataClass(DataClass.Identity)] public string? Citizenship { get; set; }
    /// <summary>The victim's or witness's protection case.</summary>
    [NotPersonal] public Guid? CaseId { get; set; }
    [DataClass(DataClass.Investigation)] public SuspectOutcome? Outcome { get; set; }
    /// <summary>The sentence in months of imprisonment (suspects convicted).</summary>
    [DataClass(DataClass.Legal)] public int? SentenceMonths { get; set; }
    [NotPersonal] public DateTimeOffset AddedAt { get; set; }
    [NotPersonal] public Guid AddedBy { get; set; }
}
