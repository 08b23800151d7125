using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features;

/// <summary>The start page after sign-in: who you are, for which institution, and where to go.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(AriadneDbContext db) : PageModel
{
    public string InstitutionName { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = User.UserId()!.Value;
        var me = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { Institution = u.Institution!.Name }).FirstAsync();
        InstitutionName = me.Institution;
        Roles = User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList();
    }
}
