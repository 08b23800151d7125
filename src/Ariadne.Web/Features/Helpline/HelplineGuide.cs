using System.Globalization;
using System.Resources;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// What an operator reads from while on a call: canned responses (in the caller's language, az, ru or en, whatever the
/// operator's own), the knowledge base, and the directory of services to refer to. Content is in the string tables.
/// </summary>
public static class HelplineGuide
{
    private static readonly ResourceManager Strings = new("Ariadne.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static readonly string[] Languages = ["az", "ru", "en"];

    public static readonly string[] Canned = ["Greeting", "Safety", "Anonymous", "Consent", "Rights", "Danger", "Child", "Closing"];

    public static readonly string[] Articles = ["Indicators", "JobOffer", "Rights", "AfterForwarding", "ChildCallers"];

    /// <summary>The directory: each service's name, what it is for and how to reach it, as string keys.</summary>
    public static readonly string[] Directory = ["Emergency", "Police", "Ambulance", "Squad", "Shelters", "Legal", "Migrants"];

    /// <summary>A canned response in a given language (az, ru or en), whatever the page's language.</summary>
    public static string CannedText(string id, string language) =>
        Strings.GetString("Canned_" + id, CultureInfo.GetCultureInfo(Languages.Contains(language) ? language : "en")) ?? id;
}
