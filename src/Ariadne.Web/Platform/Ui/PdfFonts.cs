using PdfSharp.Fonts;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// The one font resolver PDFsharp gets in this application (it allows one resolver and one fallback, and neither may change
/// once a font was resolved, so each part installing its own breaks whichever comes second): DejaVu Sans and DejaVu Sans
/// Bold (Debian package fonts-dejavu-core), which cover Azerbaijani (ə ğ ı ş ç ö ü) and Cyrillic, under one family name.
/// Used by the evidence watermark and the statistics' annual report.
/// </summary>
public static class PdfFonts
{
    public const string RegularPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string BoldPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>The family name to ask PDFsharp for; unusual on purpose, so another resolver never claims it.</summary>
    public const string Sans = "Ariadne Sans";

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>
    /// Makes PDFsharp use the resolver, once and thread-safely: as the resolver if none is set, or as the fallback if
    /// something else set its own (which is left in place). False if neither slot was free or the regular font is missing
    /// (bold is drawn as simulated bold when its file is missing).
    /// </summary>
    public static bool EnsureInstalled()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                if (GlobalFontSettings.FontResolver is null)
                    GlobalFontSettings.FontResolver = Resolver.Instance;
                else if (GlobalFontSettings.FontResolver != Resolver.Instance && GlobalFontSettings.FallbackFontResolver is null)
                    GlobalFontSettings.FallbackFontResolver = Resolver.Instance;
                _installed = true;
            }
            var usable = GlobalFontSettings.FontResolver == Resolver.Instance || GlobalFontSettings.FallbackFontResolver == Resolver.Instance;
            return usable && Resolver.Regular.Value is not null;
        }
    }

    private sealed class Resolver : IFontResolver
    {
        private const string RegularFace = "Ariadne-DejaVuSans";
        private const string BoldFace = "Ariadne-DejaVuSans-Bold";

        public static readonly Resolver Instance = new();
        public static readonly Lazy<byte[]?> Regular = new(() => File.Exists(RegularPath) ? File.ReadAllBytes(RegularPath) : null);
        private static readonly Lazy<byte[]?> Bold = new(() => File.Exists(BoldPath) ? File.ReadAllBytes(BoldPath) : null);

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            if (!string.Equals(familyName, Sans, StringComparison.OrdinalIgnoreCase))
                return null;
            var realBold = bold && Bold.Value is not null;
            return new FontResolverInfo(realBold ? BoldFace : RegularFace, mustSimulateBold: bold && !realBold, mustSimulateItalic: italic);
        }

        public byte[]? GetFont(string faceName) => faceName switch
        {
            RegularFace => Regular.Value,
            BoldFace => Bold.Value,
            _ => null,
        };
    }
}
