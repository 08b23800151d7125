namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// One reason of a merge suggestion: a resource key ("Resolution_NameVariant") and its arguments, in the order of the
/// key's placeholders ({0}, {1}…). The arguments are values the viewer already sees in the two entities.
/// </summary>
public sealed record MergeReason(string Key, IReadOnlyList<string> Arguments)
{
    public static MergeReason Of(string key, params string[] arguments) => new(key, arguments);
}
