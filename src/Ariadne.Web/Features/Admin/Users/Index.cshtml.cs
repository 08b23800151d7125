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

    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public Guid? Institution { get; set; }

    /// <summary>Part of an account name or display name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<InstitutionOption> Institutions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Institutions = await db.Institutions.AsNoTracking().OrderBy(i => i.Name).Select(i => new InstitutionOption(i.Id, i.Name)).ToListAsync();
        var users = db.Users.AsNoTracking();
        if (Institution is { } id)
            users = users.Where(u => u.InstitutionId == id);
        if (Search?.Trim() is { Length: > 0 } search)
        {
            // Translated to SQL by EF Core, which has no StringComparison overloads; both providers lower-case here.
#pragma warning disable CA1862
            var lower = search.ToLowerInvariant();
            users = users.Where(u => u.NormalizedUserName!.Contains(search.ToUpperInvariant()) || u.DisplayName.ToLower().Contains(lower));
#pragma warning restore CA1862
        }
        Total = await users.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Rows = await users.OrderBy(u => u.Institution!.Name).ThenBy(u => u.UserName)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.Institution!.Name, u.IsDisabled, u.TwoFactorEnabled, u.IsLiaisonOfficer,
                (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name!).ToList()))
            .ToListAsync();
    }
}
