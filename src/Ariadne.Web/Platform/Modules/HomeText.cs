namespace Ariadne.Web.Platform.Modules;

/// <summary>Text on the home page: a resource key with its arguments, or (<see cref="Localized"/>) text already in the viewer's language.</summary>
public sealed record HomeText(string Key, params object[] Args)
{
    public bool Localized { get; init; }

    public static HomeText Plain(string text) => new(text) { Localized = true };
}
