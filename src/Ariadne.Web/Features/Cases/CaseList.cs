using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// The rows of the case list: filtered, sorted and paged over the one predicate (<see cref="CaseVisibility.VisibleCases"/>),
/// with names opened only for the cases whose Identity class the viewer's grants open. Opening names is an
/// audited read (one event for the page, purpose <c>case.list</c>).
/// </summary>
public sealed class CaseList(AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditedWrites writes, UiTime uiTime)
{
    public sealed record Filter(CaseStatus? Status, TraffickingStatus? Identification, bool? Child, Relation? Relation, string Sort, int Page, int PageSize);

    /// <summary>One page of rows and whether another follows.</summary>
    public async Task<(IReadOnlyList<CaseListRow> Rows, bool More)> PageAsync(Viewer viewer, Filter filter, CancellationToken ct = default)
    {
        var skip = (filter.Page - 1) * filter.PageSize;
        // The usual list (by last activity, filtered at most by relation, its first 40 pages) comes from the grants' indexes; the
        // other filters, the order by number and the deep pages read the cases themselves. Either way the rows are then read through the one predicate (RowsAsync).
        var ids = filter is { Status: null, Identification: null, Child: null, Sort: "newest" or "oldest" } && skip + filter.PageSize + 1 <= CaseVisibility.ActivityDepth
            ? await access.ByActivityAsync(viewer, filter.Sort == "newest", filter.Relation, skip, filter.PageSize + 1, ct)
            : await FilteredAsync(viewer, filter, skip, ct);
        var page = ids.Take(filter.PageSize).ToList();
        var rows = await RowsAsync(viewer, page, ct);
        return (page.Where(rows.ContainsKey).Select(id => rows[id]).ToList(), ids.Count > filter.PageSize);
    }

    private async Task<IReadOnlyList<Guid>> FilteredAsync(Viewer viewer, Filter filter, int skip, CancellationToken ct)
    {
        var q = access.VisibleCases(viewer);
        if (filter.Status is { } status)
            q = q.Where(c => c.Status == status);
        if (filter.Identification is { } identification)
            q = q.Where(c => c.TraffickingStatus == identification);
        if (filter.Child is { } child)
            q = q.Where(c => c.IsMinor == child);
        if (filter.Relation is { } relation)
        {
            var mine = access.ActiveGrants(viewer).Where(g => g.Relation == relation);
            q = q.Where(c => mine.Any(g => g.CaseId == c.Id));
        }
        q = filter.Sort switch
        {
            "oldest" => q.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Recency),
            "number" => q.OrderBy(c => c.Number),
            _ => q.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Recency),
        };
        return await q.Skip(skip).Take(filter.PageSize + 1).Select(c => c.Id).ToListAsync(ct);
    }

    /// <summary>The rows of these cases, keyed by id; the caller has taken the ids from the viewer's visible cases.</summary>
    public Task<Dictionary<Guid, CaseListRow>> RowsAsync(Viewer viewer, IReadOnlyList<Guid> ids, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var today = uiTime.Today;
            var readable = (await access.ActiveGrants(viewer).Where(g => ids.Contains(g.CaseId) && (g.Read & DataClass.Identity) == DataClass.Identity)
                .Select(g => g.CaseId).ToListAsync(ct)).ToHashSet();
            // The list's columns only: not the cases' sealed texts, and of the person only what a row shows (the name and the date
            // of birth, three fields opened rather than the whole record's twelve).
            var cases = await (from c in access.VisibleCases(viewer).AsNoTracking()
                               where ids.Contains(c.Id)
                               join i in db.Institutions on c.ResponsibleInstitutionId equals i.Id
                               select new
                               {
                                   c.Id,
                                   c.Number,
                                   c.Status,
                                   c.TraffickingStatus,
                                   c.IsMinor,
                                   c.UpdatedAt,
                                   c.Recency,
                                   Institution = i.Name,
                                   PersonId = c.Person!.Id,
                                   c.Person.DataKeyId,
                                   c.Person.GivenNameEnc,
                                   c.Person.FamilyNameEnc,
                                   c.Person.DateOfBirthEnc,
                               }).ToListAsync(ct);
            var keys = await dataKeys.UnwrapManyAsync(cases.Where(c => readable.Contains(c.Id)).Select(c => c.DataKeyId), ct);
            var rows = new Dictionary<Guid, CaseListRow>();
            try
            {
                foreach (var row in cases)
                {
                    string? name = null;
                    AgeBand? band = null;
                    var child = row.IsMinor;
                    if (readable.Contains(row.Id) && keys.TryGetValue(row.DataKeyId, out var key))
                    {
                        string? Open(System.Linq.Expressions.Expression<Func<Person, byte[]?>> column, byte[]? value) => db.Open(column, value, row.PersonId, key, row.DataKeyId);
                        name = string.Join(" ", new[] { Open(p => p.GivenNameEnc, row.GivenNameEnc), Open(p => p.FamilyNameEnc, row.FamilyNameEnc) }
                            .Where(p => !string.IsNullOrWhiteSpace(p)));
                        if (name.Length == 0)
                            name = null;
                        var born = Open(p => p.DateOfBirthEnc, row.DateOfBirthEnc);
                        band = CaseHeaders.Band(born, today);
                        child |= CaseInput.IsChild(born, today);
                    }
                    rows[row.Id] = new CaseListRow(row.Id, row.Number, row.Status, row.TraffickingStatus, child, name, band, row.Institution, row.UpdatedAt, row.Recency);
                }
            }
            finally
            {
                foreach (var key in keys.Values)
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
            }
            return new Audited<Dictionary<Guid, CaseListRow>>(rows, new AuditRecord(CasesAudit.CaseSearched, Purpose: CasesAudit.List));
        }, ct);
}
