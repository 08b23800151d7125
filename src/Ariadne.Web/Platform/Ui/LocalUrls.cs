using System.Text;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// The one place where a <c>returnUrl</c> becomes a redirect target. Only a path on this site is
/// honoured (<c>/…</c>, never <c>//host</c>, <c>/\host</c>, an absolute URL or control characters);
/// anything else falls back to the home page. Characters outside ASCII are percent-encoded as UTF-8,
/// so that the <c>Location</c> header is always valid.
/// </summary>
public static class LocalUrls
{
    public const string Home = "/";

    /// <summary>The safe, encoded local target for <paramref name="returnUrl"/>, or <paramref name="fallback"/>.</summary>
    public static string Safe(string? returnUrl, string fallback = Home)
    {
        if (!IsLocal(returnUrl))
            return fallback;
        var builder = new StringBuilder(returnUrl.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7F)
            {
                builder.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
                builder.Append('%').Append(utf8[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>A path on this site: starts with one slash, is not protocol-relative, has no control characters or invalid UTF-16.</summary>
    public static bool IsLocal([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || url[0] != '/')
            return false;
        if (url.Length > 1 && url[1] is '/' or '\\')
            return false;
        foreach (var c in url)
            if (char.IsControl(c))
                return false;
        return System.Text.Unicode.Utf8.FromUtf16(url, new byte[url.Length * 3], out _, out _, replaceInvalidSequences: false)
            == System.Buffers.OperationStatus.Done;
    }
}
