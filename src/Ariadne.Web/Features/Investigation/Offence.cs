using System.Globalization;

namespace Ariadne.Web.Features.Investigation;

/// <summary>One offence of the reference list: its code (the Criminal Code's article), whether it is a trafficking offence, its names.</summary>
public sealed record Offence(string Code, bool Trafficking, string Az, string Ru, string En)
{
    /// <summary>The name in the current UI language.</summary>
    public string Name => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "az" => Az, "ru" => Ru, _ => En };
}
