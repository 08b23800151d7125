using Ariadne.Web.Platform.Ui;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The watermark's font: DejaVu Sans (Debian package fonts-dejavu-core), which covers Azerbaijani (ə, ş, ğ) and Cyrillic,
/// the letters a watermark's names are written in, served to PDFsharp by the application's one resolver (<see cref="PdfFonts"/>).
/// </summary>
internal static class EvidenceFontResolver
{
    public const string FontPath = PdfFonts.RegularPath;

    /// <summary>The family name to ask PDFsharp for.</summary>
    public const string FamilyName = PdfFonts.Sans;

    /// <summary>Makes PDFsharp use the application's resolver; false if it could not or the font file is missing (the watermark then goes the metadata-only route).</summary>
    public static bool EnsureInstalled() => PdfFonts.EnsureInstalled();
}
