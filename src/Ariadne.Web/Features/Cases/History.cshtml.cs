using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// The case's own history (<c>/Cases/{id}/History</c>): what was done to it, from the audit trail, in words,
/// newest first, by whom and when. Only for viewers who may see the case (404 otherwise, audited), and the
/// reading is itself an audited case read. Reads and denials are left out (who opened a case is oversight's
/// page), and so is every detail beyond the action: purposes and targets stay in the audit.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class HistoryModel(CaseService cases, CaseHeaders headers, AriadneDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int PageSize = 25;

    /// <summary>Actions that record a reading or a refusal rather than something done to the case.</summary>
    private static readonly string[] Hidden = [CasesAudit.CaseViewed.Code, PlatformAudit.CaseDenied.Code, "referral.viewed", "referral.file-read", "referral.denied"];

    public sealed record Entry(DateTimeOffset At, string Action, string Outcome, string? Actor, string? Institution);

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public CaseHeader Header { get; private set; } = null!;
    /// <summary>The viewer sees only their own institution's events (they do not run the case).</summary>
    public bool OwnInstitutionOnly { get; private set; }
    public IReadOnlyList<Entry> Events { get; private set; } = [];
    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var viewer = Viewer.Of(User);
        var read = await cases.ReadWithAsync(viewer, Id, CasesAudit.History, async (view, ct) =>
        {
            // Those who run the case (its investigators and their supervisor) see all of its history; anyone else with access (a shelter, a
            // prosecutor, a service provider) sees only what their own institution did: who else works on the case, and
            // what they did, is not theirs to know.
            var whole = !view.Rights.IsBreakGlass && (view.Rights.Relations.Contains(Relation.Investigator) || view.Rights.Relations.Contains(Relation.SquadSupervisor));
            var institution = viewer.InstitutionId;
            var rows = await (from e in db.AuditEvents.AsNoTracking()
                              where e.CaseId == Id && !Hidden.Contains(e.Action) && (whole || e.ActorInstitutionId == institution)
                              join u in db.Users on e.ActorUserId equals u.Id into eu
                              from u in eu.DefaultIfEmpty()
                              join i in db.Institutions on e.ActorInstitutionId equals i.Id into ei
                              from i in ei.DefaultIfEmpty()
                              orderby e.Sequence descending
                              select new Entry(e.At, e.Action, e.Outcome, u != null ? u.DisplayName : null, i != null ? i.Name : null))
                .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
            return (Header: await headers.BuildAsync(view, ct) with { Tab = CaseTab.History }, Rows: rows, Whole: whole);
        });
        if (read is not { } found)
            return NotFound();
        Header = found.More.Header;
        OwnInstitutionOnly = !found.More.Whole;
        HasMore = found.More.Rows.Count > PageSize;
        Events = found.More.Rows.Take(PageSize).ToList();
        return Page();
    }

    /// <summary>The action in words ("AuditAction_case_updated"), marked when it was refused; an unknown code reads as "Recorded action".</summary>
    public string Words(string action, string outcome)
    {
        var said = AuditWords.Action(text, action);
        return outcome == AuditOutcome.Allowed ? said : text["CaseHistory_Refused", said];
    }
}
