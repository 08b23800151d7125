using System.Globalization;

namespace Ariadne.Web.Features.Exchange;

/// <summary>The exchange verbs' arguments: positional words and <c>--name value</c> options, nothing else.</summary>
public sealed record VerbArgs(IReadOnlyList<string> Positional, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The arguments after the verb, or null when an option has no value, repeats or is not one of <paramref name="allowed"/>.</summary>
    public static VerbArgs? Parse(string[] args, params string[] allowed)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                if (!allowed.Contains(name) || i + 1 >= args.Length || !options.TryAdd(name, args[i + 1]))
                    return null;
                i++;
            }
            else
                positional.Add(args[i]);
        }
        return new VerbArgs(positional, options);
    }

    public int? Number(string name) =>
        Options.TryGetValue(name, out var text) ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1 : null;
}
