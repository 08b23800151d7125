using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The operator's guide: canned responses in az, ru and en, the knowledge base, the directory of services. Helpline staff only.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class GuideModel : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Lang { get; set; }

    public string Language { get; private set; } = "az";

    public IActionResult OnGet()
    {
        if (!HelplineRoles.Staff.Any(User.IsInRole))
            return NotFound();
        Language = HelplineGuide.Languages.Contains(Lang) ? Lang! : System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        if (!HelplineGuide.Languages.Contains(Language))
            Language = "en";
        return Page();
    }
}
