using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// "My cases": the viewer's visible cases with filters (status, identification, child, my relation), sorting
/// and paging in the address (never anything personal there); exact search by document number or phone, and
/// the transliteration-aware search by name and date of birth, explained field by field. Searches are
/// posted, so what was searched for never appears in an address or a log.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(CaseService cases, CaseList list, FuzzyPersonMatcher matcher, Platform.Audit.AuditTrail audit) : PageModel
{
    public const int PageSize = 25;
    public static readonly string[] Sorts = ["newest", "oldest", "number"];

    [BindProperty(SupportsGet = true)] public CaseStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public TraffickingStatus? Identification { get; set; }
    /// <summary>"yes" (children only) or "no" (adults only).</summary>
    [BindProperty(SupportsGet = true)] public string? Child { get; set; }
    [BindProperty(SupportsGet = true)] public Relation? Relation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? Document { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public string? DateOfBirth { get; set; }

    /// <summary>Name-search candidates: the case, the probability and the fields that agreed.</summary>
    public IReadOnlyList<(CaseListRow Row, double? Score, IReadOnlyList<string> Agreed)> Candidates { get; private set; } = [];
    public bool NameSearch { get; private set; }

    public IReadOnlyList<CaseListRow> Rows { get; private set; } = [];
    public bool Searching => !string.IsNullOrWhiteSpace(Document) || !string.IsNullOrWhiteSpace(Phone);
    public bool Filtering => Status is not null || Identification is not null || Child is "yes" or "no" || Relation is not null;
    public bool CanCreate { get; private set; }
    public bool HasMore { get; private set; }

    /// <summary>The current filters as route values, for the paging links and the sort.</summary>
    public Dictionary<string, string> RouteFor(int page) => new()
    {
        [nameof(Status)] = Status?.ToString() ?? "",
        [nameof(Identification)] = Identification?.ToString() ?? "",
        [nameof(Child)] = Child ?? "",
        [nameof(Relation)] = Relation?.ToString() ?? "",
        [nameof(Sort)] = Sort ?? "",
        [nameof(PageNumber)] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

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
            var rows = await list.RowsAsync(viewer, found.Select(f => f.CaseId).ToList(), HttpContext.RequestAborted);
            Candidates = found.Where(f => rows.ContainsKey(f.CaseId)).Select(f => (rows[f.CaseId], f.Score, f.Reasons)).ToList();
            return;
        }
        await LoadAsync();
    }

    private static string? Trim(string? value, int max) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, max)];

    private async Task LoadAsync()
    {
        var viewer = Viewer.Of(User);
        CanCreate = CaseService.CreatorRoles.Any(User.IsInRole);
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        if (!Sorts.Contains(Sort))
            Sort = null;
        if (Searching)
        {
            var ids = await cases.SearchAsync(viewer, Document, Phone);
            var rows = await list.RowsAsync(viewer, ids, HttpContext.RequestAborted);
            Rows = ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
            return;
        }
        var filter = new CaseList.Filter(Status, Identification, Child switch { "yes" => true, "no" => false, _ => null }, Relation, Sort ?? "newest", PageNumber, PageSize);
        (Rows, HasMore) = await list.PageAsync(viewer, filter, HttpContext.RequestAborted);
    }
}
