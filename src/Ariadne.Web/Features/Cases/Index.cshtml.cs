using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// "My cases": the viewer's visible cases, newest first; exact search by document number or phone, and
/// the transliteration-aware search by name and date of birth, explained field by field. Searches are
/// posted, so what was searched for never appears in an address or a log.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(AriadneDbContext db, CaseAccess access, CaseService cases, FuzzyPersonMatcher matcher,
    Platform.Audit.AuditTrail audit) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(Guid Id, string Number, CaseStatus Status, bool IsMinor, string Institution, DateTimeOffset CreatedAt, long Recency);

    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    [BindProperty] public string? Document { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public string? DateOfBirth { get; set; }

    /// <summary>Name-search candidates: the case, the probability and the fields that agreed.</summary>
    public IReadOnlyList<(Row Row, double? Score, IReadOnlyList<string> Agreed)> Candidates { get; private set; } = [];
    public bool NameSearch { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool Searching => !string.IsNullOrWhiteSpace(Document) || !string.IsNullOrWhiteSpace(Phone);
    public bool CanCreate { get; private set; }
    public long? Next { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(GivenName) || !string.IsNullOrWhiteSpace(FamilyName))
        {
            NameSearch = true;
            var viewer = Viewer.Of(User);
            CanCreate = CaseService.CreatorRoles.Any(User.IsInRole);
            var probe = new Ariadne.Linkage.PersonRecord("probe", GivenName: Trim(GivenName, 100), Surname: Trim(FamilyName, 100), DateOfBirth: Trim(DateOfBirth, 10));
            var found = await audit.InTransactionAsync(async () => (await matcher.FindAsync(viewer, probe, HttpContext.RequestAborted),
                new Platform.Audit.AuditRecord(CasesAudit.CaseSearched, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId, Purpose: CasesAudit.SearchName)));
            var ids = found.Select(f => f.CaseId).ToList();
            var rows = await RowsAsync(ids);
            Candidates = found.Where(f => rows.ContainsKey(f.CaseId)).Select(f => (rows[f.CaseId], f.Score, f.Reasons)).ToList();
            return;
        }
        await LoadAsync();
    }

    private static string? Trim(string? value, int max) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, max)];

    private async Task<Dictionary<Guid, Row>> RowsAsync(IReadOnlyList<Guid> ids) =>
        await (from c in db.Cases.AsNoTracking()
               where ids.Contains(c.Id)
               join i in db.Institutions on c.ResponsibleInstitutionId equals i.Id
               select new Row(c.Id, c.Number, c.Status, c.IsMinor, i.Name, c.CreatedAt, c.Recency)).ToDictionaryAsync(r => r.Id);

    private async Task LoadAsync()
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
        Rows = (await RowsAsync(ids)).Values.OrderByDescending(r => r.Recency).ToList();
    }
}
