using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// What may enter the evidence locker. The type is recognised from the content (magic bytes), never from the
/// name or the declared type; active content (HTML, SVG, script, executables) is refused outright. The result
/// carries error keys only: the caller gives them texts in its languages.
/// </summary>
public static class EvidenceFiles
{
    public const string FileTooLarge = "Evidence_FileTooLarge";
    public const string FileEmpty = "Evidence_FileEmpty";
    public const string FileType = "Evidence_FileType";
    public const string FileActive = "Evidence_FileActive";
    public const string FileName = "Evidence_FileName";
    public const string FileTypeMismatch = "Evidence_FileTypeMismatch";

    /// <summary>Every key <see cref="Check"/> can return, so the caller can give each a text.</summary>
    public static IReadOnlyList<string> ErrorKeys { get; } = [FileTooLarge, FileEmpty, FileType, FileActive, FileName, FileTypeMismatch];

    public const int MaxNameLength = 200;

    /// <summary>
    /// Whether a stored file may be shown inline in the browser: never. Evidence is always sent as an attachment
    /// (Content-Disposition: attachment, with X-Content-Type-Options: nosniff), whatever its type; PDF in
    /// particular is accepted only because it is never rendered inside the application's origin.
    /// </summary>
    public static bool ServeInline(string contentType) => false;

    /// <summary>Checks one uploaded file: size, name, content type (sniffed) and the declared type.</summary>
    public static EvidenceCheck Check(string? fileName, string? declaredContentType, ReadOnlySpan<byte> content, long maxBytes)
    {
        if (content.Length == 0)
            return EvidenceCheck.Fail(FileEmpty);
        if (content.Length > maxBytes)
            return EvidenceCheck.Fail(FileTooLarge);
        if (!NameIsAcceptable(fileName, out var finalExtension))
            return EvidenceCheck.Fail(FileName);

        var declared = NormaliseType(declaredContentType);
        if (declared is not null && ActiveDeclaredTypes.Contains(declared))
            return EvidenceCheck.Fail(FileActive);

        var sniffed = Sniff(content);
        if (sniffed.Active)
            return EvidenceCheck.Fail(FileActive);
        if (sniffed.ContentType is null)
            return EvidenceCheck.Fail(FileType);
        // A file that calls itself a program or a script (x.js, x.exe, x.html) is refused even when its bytes are
        // harmless text: whoever opens it after download would run it.
        if (finalExtension is not null && DangerousExtensions.Contains(finalExtension))
            return EvidenceCheck.Fail(FileActive);
        if (declared is not null && !DeclaredMatches(declared, sniffed.ContentType))
            return EvidenceCheck.Fail(FileTypeMismatch);

        return EvidenceCheck.Accept(sniffed.ContentType, sniffed.Extension!, SafeName(fileName!, sniffed.Extension!));
    }

    /// <summary>The type recognised from the content, or <c>Active</c> for content that is refused outright.</summary>
    public readonly record struct Sniffed(string? ContentType, string? Extension, bool Active)
    {
        public static Sniffed Unknown => default;
        public static Sniffed Refused => new(null, null, true);
    }

    public static Sniffed Sniff(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
            return Sniffed.Unknown;

        // Executables: Windows PE (MZ), ELF, Mach-O (32/64 bit, both byte orders), fat Mach-O / Java class files.
        if (content.StartsWith("MZ"u8) || content.StartsWith("\u007fELF"u8)
            || content.StartsWith(new byte[] { 0xFE, 0xED, 0xFA, 0xCE }) || content.StartsWith(new byte[] { 0xFE, 0xED, 0xFA, 0xCF })
            || content.StartsWith(new byte[] { 0xCE, 0xFA, 0xED, 0xFE }) || content.StartsWith(new byte[] { 0xCF, 0xFA, 0xED, 0xFE })
            || content.StartsWith(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE }))
            return Sniffed.Refused;
        // Scripts with an interpreter line (#!/bin/sh, #!/usr/bin/env node ...).
        if (content.StartsWith("#!"u8))
            return Sniffed.Refused;

        // PDF may carry JavaScript, but it is accepted: evidence is only ever served as a download
        // (ServeInline is false), never rendered in the application's origin.
        if (content.StartsWith("%PDF-"u8))
            return new("application/pdf", ".pdf", false);
        if (content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
            return new("image/jpeg", ".jpg", false);
        if (content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
            return new("image/png", ".png", false);
        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
            return new("image/gif", ".gif", false);
        if (content.Length >= 12 && content.StartsWith("RIFF"u8))
        {
            var form = content.Slice(8, 4);
            if (form.SequenceEqual("WEBP"u8))
                return new("image/webp", ".webp", false);
            if (form.SequenceEqual("WAVE"u8))
                return new("audio/wav", ".wav", false);
            return Sniffed.Unknown;
        }
        if (content.StartsWith("II*\0"u8) || content.StartsWith("MM\0*"u8))
            return new("image/tiff", ".tif", false);
        if (content.Length >= 12 && content.Slice(4, 4).SequenceEqual("ftyp"u8))
            return SniffIsoMedia(content.Slice(8, 4));
        if (content.StartsWith("OggS"u8))
            return new("audio/ogg", ".ogg", false);
        if (content.StartsWith("ID3"u8) || IsMpegAudioFrame(content))
            return new("audio/mpeg", ".mp3", false);
        if (content.StartsWith("PK\u0003\u0004"u8) || content.StartsWith("PK\u0005\u0006"u8))
            return SniffZip(content);

        return SniffText(content);
    }

    private static Sniffed SniffIsoMedia(ReadOnlySpan<byte> brand)
    {
        if (brand.SequenceEqual("qt  "u8))
            return new("video/quicktime", ".mov", false);
        if (brand.SequenceEqual("M4A "u8) || brand.SequenceEqual("M4B "u8))
            return new("audio/mp4", ".m4a", false);
        if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
            return new("image/heic", ".heic", false);
        return new("video/mp4", ".mp4", false);
    }

    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> content)
    {
        // An MPEG audio frame header: 11 sync bits, a version other than "reserved", a layer other than "reserved",
        // a bitrate index other than "bad" and a sampling rate other than "reserved".
        if (content.Length < 4 || content[0] != 0xFF || (content[1] & 0xE0) != 0xE0)
            return false;
        var version = (content[1] >> 3) & 0x3;
        var layer = (content[1] >> 1) & 0x3;
        var bitrate = (content[2] >> 4) & 0xF;
        var sampling = (content[2] >> 2) & 0x3;
        return version != 1 && layer != 0 && bitrate != 0xF && sampling != 3;
    }

    private static Sniffed SniffZip(ReadOnlySpan<byte> content)
    {
        try
        {
            // Only the central directory is read, and at most a few bytes of the ODF "mimetype" entry: nothing is
            // inflated in bulk, so a zip bomb costs nothing here.
            using var archive = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            var names = archive.Entries.Select(e => e.FullName).ToList();
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                               || n.StartsWith("Basic/", StringComparison.OrdinalIgnoreCase)
                               || n.StartsWith("Scripts/", StringComparison.OrdinalIgnoreCase)))
                return Sniffed.Refused; // office macros
            if (names.Contains("[Content_Types].xml"))
            {
                if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal)))
                    return new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", false);
                if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal)))
                    return new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", false);
                if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal)))
                    return new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", false);
            }
            var mimetype = archive.GetEntry("mimetype");
            if (mimetype is not null && mimetype.Length is > 0 and < 100)
            {
                using var stream = mimetype.Open();
                var buffer = new byte[100];
                var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                var type = Encoding.ASCII.GetString(buffer, 0, read).Trim();
                switch (type)
                {
                    case "application/vnd.oasis.opendocument.text":
                        return new(type, ".odt", false);
                    case "application/vnd.oasis.opendocument.spreadsheet":
                        return new(type, ".ods", false);
                    case "application/vnd.oasis.opendocument.presentation":
                        return new(type, ".odp", false);
                }
            }
            return new("application/zip", ".zip", false);
        }
        catch (InvalidDataException)
        {
            return Sniffed.Unknown;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static Sniffed SniffText(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf((byte)0) >= 0)
            return Sniffed.Unknown;
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Sniffed.Unknown;
        }
        var start = text.TrimStart('\uFEFF').TrimStart().TrimStart('\uFEFF').TrimStart();
        string[] activeStarts = ["<!doctype", "<html", "<script", "<svg", "<head", "<body", "<iframe", "<?xml-stylesheet"];
        if (activeStarts.Any(s => start.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
            return Sniffed.Refused;
        if (start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
        {
            // XML is text unless it carries script, SVG or XHTML (a browser would run or render it).
            string[] activeXml = ["<script", "<svg", "http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg", "<html"];
            if (activeXml.Any(a => text.Contains(a, StringComparison.OrdinalIgnoreCase)))
                return Sniffed.Refused;
        }
        if (text.Contains("<script", StringComparison.OrdinalIgnoreCase))
            return Sniffed.Refused;
        return LooksLikeEmail(text) ? new("message/rfc822", ".eml", false) : new("text/plain", ".txt", false);
    }

    private static readonly string[] EmailHeaders = ["from", "to", "cc", "subject", "date", "message-id", "received", "return-path", "mime-version", "reply-to", "delivered-to"];

    /// <summary>RFC 822 headers: the first lines are "Name: value", at least two of them well-known mail headers.</summary>
    private static bool LooksLikeEmail(string text)
    {
        var known = 0;
        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        for (var i = 0; i < 60 && reader.ReadLine() is { } line; i++)
        {
            if (line.Length == 0)
                break;
            if (line[0] is ' ' or '\t')
                continue; // folded header
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Any(c => c is ' ' or '\t' || c > 126))
                return false;
            if (EmailHeaders.Contains(line[..colon].ToLowerInvariant()))
                known++;
        }
        return known >= 2;
    }

    private static readonly HashSet<string> ActiveDeclaredTypes = new(StringComparer.Ordinal)
    {
        "text/html", "application/xhtml+xml", "image/svg+xml", "text/javascript", "application/javascript",
        "application/x-javascript", "application/ecmascript", "text/ecmascript", "application/x-msdownload",
        "application/x-msdos-program", "application/x-executable", "application/x-sh", "application/x-shellscript",
        "text/x-shellscript", "application/hta", "application/x-bat", "text/vbscript",
    };

    private static readonly Dictionary<string, string> DeclaredAliases = new(StringComparer.Ordinal)
    {
        ["image/jpg"] = "image/jpeg",
        ["image/pjpeg"] = "image/jpeg",
        ["image/x-png"] = "image/png",
        ["application/x-pdf"] = "application/pdf",
        ["image/tif"] = "image/tiff",
        ["audio/mp3"] = "audio/mpeg",
        ["audio/mpeg3"] = "audio/mpeg",
        ["audio/x-mpeg"] = "audio/mpeg",
        ["audio/x-mp3"] = "audio/mpeg",
        ["audio/x-wav"] = "audio/wav",
        ["audio/wave"] = "audio/wav",
        ["audio/vnd.wave"] = "audio/wav",
        ["audio/x-m4a"] = "audio/mp4",
        ["video/ogg"] = "audio/ogg",
        ["application/ogg"] = "audio/ogg",
        ["image/heif"] = "image/heic",
        ["application/x-zip-compressed"] = "application/zip",
        ["application/x-zip"] = "application/zip",
    };

    private static bool DeclaredMatches(string declared, string sniffed)
    {
        declared = DeclaredAliases.GetValueOrDefault(declared, declared);
        if (declared == sniffed)
            return true;
        return sniffed switch
        {
            // Which ISO media brand a file has is a detail browsers do not agree on.
            "video/mp4" or "video/quicktime" or "audio/mp4" => declared is "video/mp4" or "video/quicktime" or "audio/mp4" or "video/x-m4v",
            "text/plain" or "message/rfc822" => declared.StartsWith("text/", StringComparison.Ordinal) || declared == "message/rfc822",
            // An office document is a zip: a client that declares only the container is not contradicting it.
            _ when sniffed.StartsWith("application/vnd.", StringComparison.Ordinal) => declared == "application/zip",
            _ => false,
        };
    }

    private static string? NormaliseType(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
            return null;
        var semicolon = declared.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon >= 0 ? declared[..semicolon] : declared).Trim().ToLowerInvariant();
        return type is "" or "application/octet-stream" or "binary/octet-stream" ? null : type;
    }

    /// <summary>Extensions of programs, scripts and documents a browser or a desktop would run or render.</summary>
    private static readonly HashSet<string> DangerousExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "exe", "com", "scr", "pif", "bat", "cmd", "js", "mjs", "cjs", "jse", "vbs", "vbe", "wsf", "wsh", "ws", "ps1", "psm1",
        "msi", "msp", "dll", "cpl", "hta", "jar", "lnk", "reg", "sh", "bash", "zsh", "app", "apk", "iso", "img", "vhd", "vhdx",
        "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "svg", "svgz", "php", "scf", "url", "gadget", "msc", "appref-ms",
    };

    private static readonly HashSet<string> ReservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    private static bool IsBidiOrInvisibleControl(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C' or '\uFEFF';

    /// <summary>
    /// Whether a name may be accepted: not empty, at most <see cref="MaxNameLength"/> characters, no path, no control
    /// or bidi-override characters, no Windows device name, no trailing dot or space, and no executable hidden behind
    /// a second extension. <paramref name="finalExtension"/> is the last extension (without the dot), if any.
    /// </summary>
    public static bool NameIsAcceptable(string? name, out string? finalExtension)
    {
        finalExtension = null;
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
            return false;
        if (name.IndexOfAny(['/', '\\', ':']) >= 0 || name.Contains("..", StringComparison.Ordinal))
            return false;
        if (name.Any(c => char.IsControl(c) || IsBidiOrInvisibleControl(c)) || HasLoneSurrogate(name))
            return false;
        if (name.EndsWith('.') || name.EndsWith(' '))
            return false;
        var parts = name.Split('.');
        if (ReservedDeviceNames.Contains(parts[0].Trim()))
            return false;
        if (parts.Length >= 2)
        {
            finalExtension = parts[^1].Trim();
            // "evidence.pdf.exe", "photo.jpg.js": the shown extension hides what the file is.
            if (parts.Length >= 3 && DangerousExtensions.Contains(finalExtension))
                return false;
        }
        return true;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return true;
        }
        return false;
    }

    /// <summary>
    /// A display name to store and to send: the base name with its letters (any script: ə, ş, Cyrillic), digits and
    /// a few punctuation marks kept, anything else replaced by "_", and the canonical extension of the sniffed type.
    /// </summary>
    public static string SafeName(string name, string extension)
    {
        var baseName = name.Replace('\\', '/');
        baseName = baseName[(baseName.LastIndexOf('/') + 1)..];
        var dot = baseName.LastIndexOf('.');
        if (dot > 0)
            baseName = baseName[..dot];
        baseName = baseName.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(baseName.Length);
        foreach (var c in baseName)
        {
            var category = char.GetUnicodeCategory(c);
            var keep = char.IsLetterOrDigit(c)
                       || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                       || c is ' ' or '-' or '_' or '(' or ')' or '[' or ']' or ',' or '\'' or '+' or '&';
            builder.Append(keep ? c : '_');
        }
        var clean = builder.ToString().Trim(' ', '_');
        if (clean.Length > 150)
            clean = clean[..150].TrimEnd();
        if (clean.Length == 0 || ReservedDeviceNames.Contains(clean))
            clean = "evidence";
        return clean + extension;
    }
}
