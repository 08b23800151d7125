using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The file on the crime (the plan's §3a, §5), separate from the victim's protection case and linked to it. Owned by
/// the Squad that opened it; prosecutors and courts see it only through their own grant on this file
/// (<see cref="FileGrant"/>). Its operational name and summary are sealed under the file's own data key.
/// </summary>
public sealed class CriminalFile
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>A random number the system quotes (CF-2026-7Q3K9M), never a sequence.</summary>
    [NotPersonal] public string Number { get; set; } = "";
    /// <summary>The criminal case number the investigating authority gave it, once opened.</summary>
    [NotPersonal] public string? OfficialNumber { get; set; }
    [NotPersonal] public Guid OwnerInstitutionId { get; set; }
    [NotPersonal] public Guid LeadInvestigatorId { get; set; }
    [NotPersonal] public FileStage Stage { get; set; } = FileStage.OperationalInvestigation;
    [NotPersonal] public DateTimeOffset OpenedAt { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? TitleEnc { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? SummaryEnc { get; set; }
    [NotPersonal] public Guid DataKeyId { get; set; }
}

/// <summary>The procedural stages of a criminal file, in order.</summary>
public enum FileStage
{
    OperationalInvestigation = 1,
    CriminalCaseOpened = 2,
    Charged = 3,
    IndictmentToCourt = 4,
    Hearings = 5,
    Verdict = 6,
    Appeal = 7,
    Closed = 8,
}

/// <summary>An offence the file concerns: a code of the reference list (<see cref="Offences"/>).</summary>
public sealed class FileOffence
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public string Code { get; set; } = "";
}

/// <summary>A step of the file through its stages: when the act was done, who recorded it, a sealed note.</summary>
public sealed class FileStageEvent
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public FileStage Stage { get; set; }
    /// <summary>The day of the procedural act.</summary>
    [NotPersonal] public DateOnly On { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public Guid RecordedByInstitutionId { get; set; }
    /// <summary>The court a file was sent to (indictment), which then holds its own grant.</summary>
    [NotPersonal] public Guid? CourtInstitutionId { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? NoteEnc { get; set; }
}

public enum PartyRole
{
    Suspect = 1,
    Victim = 2,
    Witness = 3,
}

public enum PartySex
{
    Female = 1,
    Male = 2,
    Unknown = 3,
}

/// <summary>Where a suspect stands at the end; what the statistics count (investigations, prosecutions, convictions).</summary>
public enum SuspectOutcome
{
    UnderInvestigation = 1,
    Charged = 2,
    Indicted = 3,
    Convicted = 4,
    Acquitted = 5,
    Discontinued = 6,
}

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
    /// <summary>ISO 3166-1 alpha-2.</summary>
    [DataClass(DataClass.Identity)] public string? Citizenship { get; set; }
    /// <summary>The victim's or witness's protection case.</summary>
    [NotPersonal] public Guid? CaseId { get; set; }
    [DataClass(DataClass.Investigation)] public SuspectOutcome? Outcome { get; set; }
    /// <summary>The sentence in months of imprisonment (suspects convicted).</summary>
    [DataClass(DataClass.Legal)] public int? SentenceMonths { get; set; }
    [NotPersonal] public DateTimeOffset AddedAt { get; set; }
    [NotPersonal] public Guid AddedBy { get; set; }
}

public enum MeasureKind
{
    Detention = 1,
    HouseArrest = 2,
    Bail = 3,
    TravelBan = 4,
    PoliceSupervision = 5,
    Search = 6,
    Seizure = 7,
    AssetFreeze = 8,
}

public enum MeasureAuthority
{
    Court = 1,
    Prosecutor = 2,
    Investigator = 3,
}

/// <summary>A coercive procedural measure on a suspect: detention, bail, a search, a seizure, a freeze of assets.</summary>
public sealed class CoerciveMeasure
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public Guid PartyId { get; set; }
    [NotPersonal] public MeasureKind Kind { get; set; }
    [NotPersonal] public MeasureAuthority OrderedBy { get; set; }
    [NotPersonal] public DateOnly From { get; set; }
    [NotPersonal] public DateOnly? Until { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? NoteEnc { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
}

public enum NonPunishmentDecision
{
    /// <summary>Under consideration.</summary>
    Pending = 1,
    /// <summary>Not prosecuted: compelled by the trafficking.</summary>
    NotProsecuted = 2,
    /// <summary>Proceedings discontinued.</summary>
    Discontinued = 3,
    /// <summary>Acquitted or released from liability by a court.</summary>
    ReleasedByCourt = 4,
    /// <summary>The principle was found not to apply.</summary>
    NotApplied = 5,
}

/// <summary>
/// The non-punishment principle (Council of Europe Convention art. 26): an offence a victim was compelled to commit,
/// and what the authorities decided. Recorded per victim; counted in the file and in the aggregate report.
/// </summary>
public sealed class NonPunishmentRecord
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public Guid PartyId { get; set; }
    /// <summary>The offence, as a short sealed description (e.g. use of a forged passport, work without a permit).</summary>
    [DataClass(DataClass.Legal)] public byte[]? OffenceEnc { get; set; }
    [NotPersonal] public NonPunishmentDecision Decision { get; set; }
    [NotPersonal] public DateOnly? DecidedOn { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
}

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
}
