using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Admin.Institutions;

/// <summary>All participant institutions, with their kind and number of users. No case data.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(AriadneDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Code, InstitutionKind Kind, bool IsActive, int Users);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = await db.Institutions.AsNoTracking().OrderBy(i => i.Kind).ThenBy(i => i.Name)
            .Select(i => new Row(i.Id, i.Name, i.Code, i.Kind, i.IsActive, db.Users.Count(u => u.InstitutionId == i.Id)))
            .ToListAsync();
}
