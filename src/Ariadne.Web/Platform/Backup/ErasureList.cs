using System.Security.Cryptography;
using System.Text;
using Ariadne.Web.Platform.Crypto;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Backup;

/// <summary>
/// The list of erased people, kept apart from the backups (<c>Backup:ErasureList</c>): one line per erasure with the
/// time, the case's id (no personal data) and a MAC under a key derived from the key ring, so that a line added by
/// someone without the ring is refused rather than obeyed. <c>person erase</c> adds a line inside the erasure's
/// transaction, before it commits (a failed append stops the erasure; a failed commit leaves a line for an erasure
/// that did not happen, which a restore then carries out — the list errs towards erasing). <c>restore</c> erases again
/// everyone listed, so that a person erased after a backup stays erased after restoring it.
/// </summary>
public sealed class ErasureList(IOptions<BackupOptions> options, KeyRing ring)
{
    public string? File => options.Value.ErasureList is { Length: > 0 } file ? file : null;

    /// <summary>Adds the case to the list, on disk before it returns; false when no list is configured.</summary>
    public bool Append(Guid caseId, DateTimeOffset at)
    {
        if (File is not { } file)
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var line = Line(caseId, at);
        var append = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
            append.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(file, append);
        stream.Write(Encoding.ASCII.GetBytes(line + "\n"));
        stream.Flush(flushToDisk: true);
        return true;
    }

    /// <summary>The case ids on the list, and how many lines were refused (a bad MAC, or not a line of the list).</summary>
    public (IReadOnlyList<Guid> CaseIds, int Refused) Read()
    {
        if (File is not { } file || !System.IO.File.Exists(file))
            return ([], 0);
        var ids = new List<Guid>();
        var refused = 0;
        foreach (var raw in System.IO.File.ReadLines(file))
        {
            var parts = raw.Trim().Split(' ');
            if (parts.Length == 0 || parts[0].Length == 0)
                continue;
            if (parts.Length == 3 && Guid.TryParse(parts[1], out var id)
                && DateTimeOffset.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Line(id, at)), Encoding.ASCII.GetBytes(raw.Trim())))
                ids.Add(id);
            else
                refused++;
        }
        return (ids.Distinct().ToList(), refused);
    }

    private string Line(Guid caseId, DateTimeOffset at)
    {
        var text = $"{at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture)} {caseId:D}";
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, ring.BlindIndexKey, 32, info: "ariadne-erasure-list/v1"u8.ToArray());
        return text + " " + Convert.ToHexString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(text))).ToLowerInvariant();
    }
}
