using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The anonymous web chat for people who cannot call: safety advice, the chat box and the quick exit. No account and no cookie:
/// the page's script keeps the chat's token and the visible messages in sessionStorage only, and the quick exit clears them.
/// </summary>
[AllowAnonymous]
public sealed class ChatModel(IOptions<HelplineOptions> options) : PageModel
{
    public string Language { get; private set; } = "az";

    public HelplineOptions Options => options.Value;

    public void OnGet() => Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
