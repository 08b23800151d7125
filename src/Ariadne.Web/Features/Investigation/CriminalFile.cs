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
