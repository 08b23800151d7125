using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Admin.Users;

/// <summary>The accounts of all institutions, or of one, with roles and sign-in state.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(AriadneDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string UserName, string DisplayName, string Institution, bool Disabled, bool Mfa, bool Liaison, List<string> Roles);
    public sealed record InstitutionOption(Guid Id, string Name);

    [BindProperty(SupportsGet = true)]
    public Guid? Institution { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<InstitutionOption> Institutions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Institutions = await db.Institutions.AsNoTracking().OrderBy(i => i.Name).Select(i => new InstitutionOption(i.Id, i.Name)).ToListAsync();
        var users = db.Users.AsNoTracking();
        if (Institution is { } id)
            users = users.Where(u => u.InstitutionId == id);
        Rows = await users.OrderBy(u => u.Institution!.Name).ThenBy(u => u.UserName)
            .Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.Institution!.Name, u.IsDisabled, u.TwoFactorEnabled, u.IsLiaisonOfficer,
                (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name!).ToList()))
            .ToListAsync();
    }
}
