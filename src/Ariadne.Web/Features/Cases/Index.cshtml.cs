using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>"My cases": the viewer's visible cases, newest first, and exact search by document number or phone.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(AriadneDbContext db, CaseAccess access, CaseService cases) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(Guid Id, string Number, CaseStatus Status, bool IsMinor, string Institution, DateTimeOffset CreatedAt, long Recency);

    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    [BindProperty(SupportsGet = true)] public string? Document { get; set; }
    [BindProperty(SupportsGet = true)] public string? Phone { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool Searching => !string.IsNullOrWhiteSpace(Document) || !string.IsNullOrWhiteSpace(Phone);
    public bool CanCreate { get; private set; }
    public long? Next { get; private set; }

    public async Task OnGetAsync()
    {
        var viewer = Viewer.Of(User);
        CanCreate = CaseService.CreatorRoles.Any(User.IsInRole);
        IReadOnlyList<Guid> ids;
        if (Searching)
            ids = await cases.SearchAsync(viewer, Document, Phone);
        else
        {
            var page = await access.PageAsync(viewer, Before, PageSize + 1);
            Next = page.Count > PageSize ? page[PageSize - 1].Recency : null;
            ids = page.Take(PageSize).Select(r => r.Id).ToList();
        }
        var found = await (from c in db.Cases.AsNoTracking()
                           where ids.Contains(c.Id)
                           join i in db.Institutions on c.ResponsibleInstitutionId equals i.Id
                           select new Row(c.Id, c.Number, c.Status, c.IsMinor, i.Name, c.CreatedAt, c.Recency)).ToListAsync();
        Rows = found.OrderByDescending(r => r.Recency).ToList();
    }
}
