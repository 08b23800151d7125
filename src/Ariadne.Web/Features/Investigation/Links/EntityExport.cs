using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// One export of a file's link analysis (FollowTheMoney): who, when, on what legal basis and with which reference, how many
/// entities and links went out and how many were withheld by their handling code. The audit event points at this row.
/// </summary>
public sealed class EntityExport
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public Guid ExportedBy { get; set; }
    [NotPersonal] public Guid InstitutionId { get; set; }
    [NotPersonal] public DateTimeOffset ExportedAt { get; set; }
    [NotPersonal] public ExportLegalBasis LegalBasis { get; set; }
    /// <summary>The decision, order or request the export answers ("MLA 2026/114"), sealed under the file's key.</summary>
    [DataClass(DataClass.Investigation)] public byte[]? ReferenceEnc { get; set; }
    [NotPersonal] public Guid DataKeyId { get; set; }
    [NotPersonal] public int Entities { get; set; }
    [NotPersonal] public int Links { get; set; }
    [NotPersonal] public int Withheld { get; set; }
}
