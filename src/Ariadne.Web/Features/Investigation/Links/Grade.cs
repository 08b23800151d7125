namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// One code of a grading scale: "B" (source evaluation), "2" (information assessment) or "H3" (handling), with its
/// meaning in each language of the deployment. <see cref="AllowsExport"/> and <see cref="AllowsForeign"/> apply to
/// handling codes: whether an entity so marked may leave in an export, or go to a foreign authority.
/// </summary>
public sealed class Grade
{
    public string Code { get; set; } = "";
    public Dictionary<string, string> Labels { get; set; } = [];
    public bool AllowsExport { get; set; } = true;
    public bool AllowsForeign { get; set; }

    public string Label(string language) =>
        Labels.TryGetValue(language, out var text) || Labels.TryGetValue("en", out text) ? $"{Code} — {text}" : Code;
}
