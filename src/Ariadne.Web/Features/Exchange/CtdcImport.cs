using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Exchange;

/// <summary>One CTDC file taken in as reference data: its SHA-256 (a second import of the same file adds nothing) and its tally.</summary>
public sealed class CtdcImport
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    [NotPersonal] public required string Sha256 { get; set; }
    [NotPersonal] public DateTimeOffset ImportedAt { get; set; }
    /// <summary>Data rows in the file (the header aside); <see cref="Imported"/> + <see cref="Rejected"/>.</summary>
    [NotPersonal] public int DataRows { get; set; }
    [NotPersonal] public int Imported { get; set; }
    [NotPersonal] public int Rejected { get; set; }
    /// <summary>Odd values reported in rows that were still imported (a label that disagrees with its flag, an unused column out of range).</summary>
    [NotPersonal] public int Warnings { get; set; }
}
