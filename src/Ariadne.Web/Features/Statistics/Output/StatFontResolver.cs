using PdfSharp.Fonts;

namespace Ariadne.Web.Features.Statistics.Output;

/// <summary>
/// Serves DejaVu Sans and DejaVu Sans Bold (Debian package fonts-dejavu-core) to PDFsharp for the annual report: they cover
/// Azerbaijani (ə ğ ı ş ç ö ü) and Cyrillic. Installed like the evidence watermark's resolver: as the resolver when none is
/// set, otherwise as the fallback, leaving another part's resolver in place; it answers only its own family name.
/// </summary>
internal sealed class StatFontResolver : IFontResolver
{
    public const string RegularPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string BoldPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>The family name to ask PDFsharp for; unusual on purpose, so another resolver never claims it.</summary>
    public const string FamilyName = "Ariadne Statistics Sans";

    private const string RegularFace = "Ariadne-Statistics-DejaVuSans";
    private const string BoldFace = "Ariadne-Statistics-DejaVuSans-Bold";

    public static readonly StatFontResolver Instance = new();

    private static readonly Lazy<byte[]?> Regular = new(() => File.Exists(RegularPath) ? File.ReadAllBytes(RegularPath) : null);
    private static readonly Lazy<byte[]?> Bold = new(() => File.Exists(BoldPath) ? File.ReadAllBytes(BoldPath) : null);

    private static readonly Lock Gate = new();
    private static bool _installed;

    private StatFontResolver()
    {
    }

    /// <summary>Makes PDFsharp use this resolver (once, thread-safely); false when neither slot was free or the fonts are missing.</summary>
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
            return usable && Regular.Value is not null && Bold.Value is not null;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, FamilyName, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic)
            : null;

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => Regular.Value,
        BoldFace => Bold.Value,
        _ => null,
    };
}
