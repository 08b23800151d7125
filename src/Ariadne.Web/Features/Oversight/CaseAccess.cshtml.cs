using System.Globalization;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Oversight;

/// <summary>
/// "Who accessed this case, when, why": the audit events of one case, with the actor's name and
/// institution, and a CSV export. Metadata only — never the case's contents. Answers data subjects'
/// access requests. Looking is itself audited.
/// </summary>
[Authorize(Policy = Policies.Mfa, Roles = RoleCatalog.Auditor)]
[RequireRecentAuthentication("Export")]
public sealed class CaseAccessModel(AriadneDbContext db, AuditedWrites writes) : PageModel
{
    public sealed record Row(DateTimeOffset At, string Action, string Outcome, string? Who, string? Institution, string? Relation, string? Purpose,
        string? Node, string? ClientAddress);

    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    public IReadOnlyList<Row>? Rows { get; private set; }
    public bool NotFoundNumber { get; private set; }

    public async Task OnGetAsync()
    {
        if (!string.IsNullOrWhiteSpace(Number))
            Rows = await LoadAsync(PlatformAudit.AuditViewed);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await LoadAsync(PlatformAudit.AuditExported);
        if (rows is null)
            return NotFound();
        var csv = Ariadne.Linkage.CsvWriter.ToBytes(["at", "action", "outcome", "user", "institution", "relation", "purpose", "client_address", "node"],
            rows.Select(r => new[] { r.At.ToString("O", CultureInfo.InvariantCulture), r.Action, r.Outcome, r.Who, r.Institution, r.Relation, r.Purpose, r.ClientAddress, r.Node }));
        return File(csv, "text/csv; charset=utf-8", $"access-{Number!.Trim().ToUpperInvariant()}.csv");
    }

    private async Task<IReadOnlyList<Row>?> LoadAsync(AuditAction action)
    {
        var number = Number!.Trim().ToUpperInvariant();
        var caseId = await db.Cases.Where(c => c.Number == number).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        if (caseId is null)
        {
            NotFoundNumber = true;
            return null;
        }
        var viewer = Viewer.Of(User);
        return await writes.RunAsync(viewer, async ct =>
        {
            var rows = await (from e in db.AuditEvents.AsNoTracking()
                              where e.CaseId == caseId || e.TargetId == caseId
                              join u in db.Users on e.ActorUserId equals u.Id into eu
                              from u in eu.DefaultIfEmpty()
                              join i in db.Institutions on e.ActorInstitutionId equals i.Id into ei
                              from i in ei.DefaultIfEmpty()
                              orderby e.Sequence
                              select new Row(e.At, e.Action, e.Outcome, u != null ? u.DisplayName : null, i != null ? i.Name : null, e.Relation, e.Purpose,
                                  e.Node, e.ClientAddress))
                .ToListAsync(ct);
            return new Audited<IReadOnlyList<Row>?>(rows, new AuditRecord(action, TargetType: AuditTarget.Case, TargetId: caseId, Purpose: OversightAudit.Oversight));
        });
    }
}
