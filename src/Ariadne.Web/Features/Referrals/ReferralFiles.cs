using System.Text;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// What may be attached: PDF, JPEG, PNG or plain UTF-8 text, recognised by content (never by the name
/// or the declared type), at most <see cref="MaxFiles"/> files of <see cref="MaxBytes"/> each.
/// </summary>
public static class ReferralFiles
{
    public const int MaxFiles = 5;
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxTotalBytes = 10 * 1024 * 1024;

    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
            return "application/pdf";
        if (content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
            return "image/jpeg";
        if (content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
            return "image/png";
        if (content.Length > 0 && content.IndexOf((byte)0) < 0)
        {
            try
            {
                _ = new UTF8Encoding(false, true).GetString(content);
                return "text/plain";
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
        return null;
    }

    public static string? Validate(IReadOnlyList<ReferralUpload> files, IStringLocalizer text)
    {
        if (files.Count > MaxFiles)
            return text["Referral_FilesTooMany", MaxFiles];
        if (files.Sum(f => (long)f.Content.Length) > MaxTotalBytes)
            return text["Referral_FilesTotal", MaxTotalBytes / 1024 / 1024];
        foreach (var file in files)
        {
            if (file.Content.Length == 0 || file.Content.Length > MaxBytes)
                return text["Referral_FileSize", MaxBytes / 1024 / 1024];
            // A photo must decode, because it is kept only re-encoded (its metadata removed, see WithoutMetadata).
            if (Sniff(file.Content) is not { } type || (IsImage(type) && Platform.Files.ImageFiles.WithoutMetadata(file.Content) is null))
                return text["Referral_FileType"];
            if (string.IsNullOrWhiteSpace(file.Name) || file.Name.Length > 200)
                return text["Referral_FileName"];
        }
        return null;
    }

    private static bool IsImage(string contentType) => contentType is "image/jpeg" or "image/png";

    /// <summary>
    /// What is kept of a validated file (ASVS 14.2.8): a photo decoded and encoded again, so that its EXIF (the GPS position
    /// where a victim or a referrer stood, the phone, the time), XMP and comments are not kept; PDFs and text as sent. A PDF
    /// is not rewritten: that would break a signed document, and its metadata names at most its author program and writer.
    /// </summary>
    public static byte[] WithoutMetadata(byte[] content, string contentType) =>
        !IsImage(contentType) ? content
        : Platform.Files.ImageFiles.WithoutMetadata(content) ?? throw new InvalidOperationException("A photo is kept only once it has been validated.");

    /// <summary>A safe download name: the base name only, no path or control characters.</summary>
    public static string SafeName(string name)
    {
        var baseName = Path.GetFileName(name.Replace('\\', '/'));
        var clean = new string(baseName.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not ':').ToArray()).Trim();
        return clean.Length == 0 ? "file" : clean[..Math.Min(clean.Length, 200)];
    }
}
