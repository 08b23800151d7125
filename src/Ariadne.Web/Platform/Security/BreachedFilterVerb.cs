using System.Globalization;
using Ariadne.Web.Platform.Cli;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// <c>passwords breached-filter --from LIST --out FILE [--rate R] [--min-count N] [--plain]</c>: builds the offline
/// breached-password filter (<see cref="BreachedPasswordFilter"/>) that <c>Security:BreachedPasswordsFile</c> names.
/// LIST is Have I Been Pwned's "SHA-1, ordered by hash" download (lines <c>HEX40:COUNT</c>), or with <c>--plain</c>
/// one password per line (a list of the operator's own). <c>--min-count</c> keeps the hashes seen at least N times,
/// which bounds the file: the whole HIBP set at 0.1 % needs about 1.6 GB, those seen 10 times or more about a tenth.
/// The output is written whole or not at all, and nothing of the list is printed.
/// </summary>
public sealed class BreachedFilterVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("passwords", "breached-filter");

    public string Usage => "passwords breached-filter --from LIST --out FILE [--rate 0.001] [--min-count N] [--plain]";

    public Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args) => Task.FromResult(Run(args));

    private static (int ExitCode, string Message)? Run(string[] args)
    {
        string? from = null, output = null;
        var rate = 0.001;
        long minCount = 1;
        var plain = false;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--from" when value is not null && from is null:
                    from = value;
                    i++;
                    break;
                case "--out" when value is not null && output is null:
                    output = value;
                    i++;
                    break;
                case "--rate" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate is > 0 and < 0.5:
                    i++;
                    break;
                case "--min-count" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out minCount) && minCount >= 1:
                    i++;
                    break;
                case "--plain":
                    plain = true;
                    break;
                default:
                    return null;
            }
        }
        if (from is null || output is null)
            return null;
        if (!File.Exists(from))
            return (1, "The list given with --from does not exist.");
        if (string.Equals(Path.GetFullPath(from), Path.GetFullPath(output), StringComparison.Ordinal))
            return (1, "--out must not be the list itself.");
        try
        {
            return Build(from, output, rate, minCount, plain);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the kind of failure: the paths are the operator's own, the list's lines are never printed.
            return (1, $"The filter was not written ({ex.GetType().Name}): check that the list is readable and that --out names a writable file.");
        }
    }

    private static (int ExitCode, string Message) Build(string from, string output, double rate, long minCount, bool plain)
    {
        // First pass: check every line and count what goes in, so the filter is sized once.
        long entries = 0, line = 0;
        foreach (var text in File.ReadLines(from))
        {
            line++;
            switch (Entry(text, plain, minCount))
            {
                case null:
                    return (1, $"Line {line} of the list is not a SHA-1 hash with an optional count (HEX40:COUNT); use --plain for a list of passwords.");
                case { Length: > 0 }:
                    entries++;
                    break;
            }
        }
        if (entries == 0)
            return (1, "The list holds no entry to keep.");
        var (probes, bits) = BreachedPasswordFilter.Size(entries, rate);
        if (bits > BreachedPasswordFilter.MaxBits)
            return (1, $"{entries} entries at a rate of {rate.ToString(CultureInfo.InvariantCulture)} exceed the 2 GiB limit; raise --min-count or --rate.");

        var temporary = output + ".partial";
        long added;
        try
        {
            using (var file = File.Create(temporary))
            {
                added = BreachedPasswordFilter.Write(file, Digests(from, plain, minCount), entries, rate);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, output, overwrite: true);
        }
        catch
        {
            File.Delete(temporary); // nothing half-written is left behind
            throw;
        }
        return (0, $"Breached-password filter written: {added} entries, {probes} probes, {(bits + 7) / 8} bytes, false positives about {rate.ToString(CultureInfo.InvariantCulture)}.");
    }

    private static IEnumerable<byte[]> Digests(string from, bool plain, long minCount)
    {
        foreach (var text in File.ReadLines(from))
            if (Entry(text, plain, minCount) is { Length: > 0 } digest)
                yield return digest;
    }

    /// <summary>The line's SHA-1; empty for a line to skip (blank, or seen fewer than the minimum); null for a line that is not an entry.</summary>
    private static byte[]? Entry(string text, bool plain, long minCount)
    {
        if (plain)
            return text.Length == 0 ? [] : BreachedPasswordFilter.Digest(text);
        var line = text.AsSpan().Trim();
        if (line.IsEmpty)
            return [];
        var colon = line.IndexOf(':');
        var hex = colon < 0 ? line : line[..colon];
        if (hex.Length != 40)
            return null;
        var digest = new byte[20];
        if (Convert.FromHexString(hex, digest, out _, out var written) != System.Buffers.OperationStatus.Done || written != 20)
            return null;
        if (colon < 0)
            return digest;
        if (!long.TryParse(line[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return null;
        return count >= minCount ? digest : [];
    }
}
