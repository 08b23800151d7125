using PdfSharp.Fonts;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// Serves DejaVu Sans (Debian package fonts-dejavu-core) to PDFsharp, which on Linux finds no fonts by itself.
/// DejaVu covers Azerbaijani (ə, ş, ğ) and Cyrillic, the letters a watermark's names are written in.
/// </summary>
internal sealed class EvidenceFontResolver : IFontResolver
{
    public const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>The family name to ask PDFsharp for; unusual on purpose, so another resolver never claims it.</summary>
    public const string FamilyName = "Ariadne Evidence Sans";

    private const string FaceName = "Ariadne-Evidence-DejaVuSans";

    public static readonly EvidenceFontResolver Instance = new();

    private static readonly Lazy<byte[]?> FontBytes = new(() => File.Exists(FontPath) ? File.ReadAllBytes(FontPath) : null);

    private static readonly Lock Gate = new();
    private static bool _installed;

    private EvidenceFontResolver()
    {
    }

    /// <summary>
    /// Makes PDFsharp use this resolver, once and thread-safely: as the resolver if none is set, or as the fallback
    /// if another part of the application set its own (which is left in place). False if neither slot was free or
    /// the font file is missing; the watermark then goes the metadata-only route.
    /// </summary>
    public static bool EnsureInstalled()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                if (GlobalFontSettings.FontResolver is null)
                    GlobalFontSettings.FontResolver = Instance;
                else if (GlobalFontSettings.FontResolver != Instance && GlobalFontSettings.FallbackFontResolver is null)
                    GlobalFontSettings.FallbackFontResolver = Instance;
                _installed = true;
            }
            var usable = GlobalFontSettings.FontResolver == Instance || GlobalFontSettings.FallbackFontResolver == Instance;
            return usable && FontBytes.Value is not null;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, FamilyName, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(FaceName, mustSimulateBold: bold, mustSimulateItalic: italic)
            : null;

    public byte[]? GetFont(string faceName) => faceName == FaceName ? FontBytes.Value : null;
}
