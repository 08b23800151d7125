using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// One referral. The referrer sees what it submitted and where the referral stands (not the case it
/// became); the duty desk acknowledges it, sees exact matches among the cases it may see, and opens a
/// case (handing it to an investigator) or joins it to a known case, or records why it goes no further.
/// A referral the viewer may not see is a 404, like one that does not exist.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class DetailModel(ReferralDesk referrals, ReferralDispatch dispatch, CaseAccess access, AriadneDbContext db, IStringLocalizer<SharedResource> text,
    TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? InvestigatorUserName { get; set; }
    [BindProperty] public string? Target { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public ReferralDesk.View View { get; private set; } = null!;
    public IReadOnlyList<MatchCandidate> Candidates { get; private set; } = [];
    public IReadOnlyList<(string UserName, string Name)> Investigators { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public bool Open => View.Referral.Status is ReferralStatus.Received or ReferralStatus.Acknowledged;

    /// <summary>Whether the viewer may open the case the referral became (the one predicate); if not, the page says who took it forward and when, with no link.</summary>
    public bool CaseVisible { get; private set; }

    /// <summary>Who took the referral forward into its case (the desk officer of the dispatch), when the viewer may not open the case.</summary>
    public string? TakenForwardBy { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcknowledgeAsync()
    {
        var outcome = await referrals.AcknowledgeAsync(Viewer.Of(User), Id);
        if (outcome == ReferralActionOutcome.NotFound)
            return NotFound();
        TempData["Notice"] = "Referral_Acknowledged";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostDispatchAsync()
    {
        ModelState.Clear();
        Guid? existing = null;
        if (Target is null)
            ModelState.AddModelError(nameof(Target), text["Referral_TargetRequired"]);
        else if (Target != "new")
        {
            if (Guid.TryParse(Target, out var caseId))
                existing = caseId;
            else
                ModelState.AddModelError(nameof(Target), text["Validation_ValueInvalid"]);
        }
        if (ModelState.IsValid)
        {
            var (outcome, caseId, error) = await dispatch.DispatchAsync(Viewer.Of(User), Id, existing is null ? InvestigatorUserName : null, existing);
            if (outcome == ReferralActionOutcome.NotFound)
                return NotFound();
            if (outcome == ReferralActionOutcome.Done)
            {
                TempData["Notice"] = existing is null ? "Referral_CaseOpened" : "Referral_CaseJoined";
                return RedirectToPage(new { id = Id });
            }
            ModelState.AddModelError(error == "Referral_InvestigatorInvalid" ? nameof(InvestigatorUserName) : nameof(Target), text[error ?? "Validation_ValueInvalid"]);
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        ModelState.Clear();
        var outcome = await dispatch.CloseAsync(Viewer.Of(User), Id, Reason);
        if (outcome == ReferralActionOutcome.NotFound)
            return NotFound();
        if (outcome == ReferralActionOutcome.Done)
        {
            TempData["Notice"] = "Referral_Closed";
            return RedirectToPage(new { id = Id });
        }
        ModelState.AddModelError(nameof(Reason), text["Referral_ReasonRequired"]);
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetFileAsync(Guid fileId)
    {
        if (await referrals.FileAsync(Viewer.Of(User), Id, fileId) is not { } file)
            return NotFound();
        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.ContentType, file.Name);
    }

    private async Task<bool> LoadAsync()
    {
        var viewer = Viewer.Of(User);
        var view = await referrals.ReadAsync(viewer, Id, ReferralsAudit.View);
        if (view is null)
            return false;
        View = view;
        Now = time.GetUtcNow();
        if (view.CaseNumber is not null && view.Referral.CaseId is { } caseId)
        {
            CaseVisible = await access.VisibleCaseIds(viewer).ContainsAsync(caseId);
            if (!CaseVisible)
                TakenForwardBy = await (from e in db.AuditEvents.AsNoTracking()
                                        // The dispatch's event carries the case it made (ReferralDesk.DeskEvent): the case's index finds it
                                        // among that case's events, where without it the whole trail was walked back (248 ms in the load run).
                                        where e.CaseId == caseId && e.Action == ReferralsAudit.ReferralDispatched.Code && e.TargetId == view.Referral.Id
                                            && e.Outcome == AuditOutcome.Allowed
                                        join u in db.Users on e.ActorUserId equals u.Id
                                        orderby e.Sequence descending
                                        select u.DisplayName).FirstOrDefaultAsync();
        }
        if (view.IsDesk && Open)
        {
            if (view.Content is { } content)
                Candidates = await referrals.DuplicatesAsync(viewer, content, Id);
            Investigators = await referrals.InvestigatorsAsync(viewer);
        }
        return true;
    }
}
