using System.Security.Claims;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// The investigator's home card: the open cases they investigate (through <see cref="CaseVisibility.VisibleCases"/>
/// and their Investigator grants), each with its next step — screen, decide, record consent, onward answer pending —
/// and the reflection period's end when it is within a week; those first, then the newest. Case numbers and
/// statuses only (Status class), no names. It lives in Protection because the next step reads consents and onward
/// referrals, and Protection may use Cases and Identification.
/// </summary>
public sealed class AssignedCasesHomePanel(AriadneDbContext db, CaseAccess access, UiTime uiTime) : IHomePanel
{
    /// <summary>How close a reflection period's end must be to show on the card.</summary>
    public static readonly TimeSpan ReflectionWarning = TimeSpan.FromDays(7);

    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        if (!viewer.InstitutionRelations.Contains(Relation.Investigator))
            return null;
        var investigating = access.ActiveGrants(viewer).Where(g => g.Relation == Relation.Investigator);
        var cases = await access.VisibleCases(viewer)
            .Where(c => (c.Status == CaseStatus.Active || c.Status == CaseStatus.FollowUp) && investigating.Any(g => g.CaseId == c.Id))
            .OrderByDescending(c => c.Recency)
            .Select(c => new { c.Id, c.Number, c.Recency, c.ReflectionEndsOn, c.IsMinor }).Take(200).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var screened = await db.Screenings.Where(s => ids.Contains(s.CaseId)).Select(s => s.CaseId).Distinct().ToListAsync(ct);
        var decisions = (await db.IdentificationDecisions.Where(d => ids.Contains(d.CaseId))
                .Select(d => new { d.CaseId, d.Status, d.RecordedAt }).ToListAsync(ct))
            .GroupBy(d => d.CaseId).ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.RecordedAt).First().Status);
        var consented = await db.Consents.Where(x => ids.Contains(x.CaseId) && x.WithdrawnAt == null).Select(x => x.CaseId).Distinct().ToListAsync(ct);
        var onwardPending = await db.OnwardReferrals.Where(o => ids.Contains(o.CaseId) && o.Status == OnwardStatus.Pending).Select(o => o.CaseId).Distinct().ToListAsync(ct);

        var now = uiTime.Now;
        var today = uiTime.DayOf(now);
        var warnUntil = uiTime.DayOf(now + ReflectionWarning);
        var rows = cases.Select(c =>
        {
            var decided = decisions.TryGetValue(c.Id, out var status);
            var step = !screened.Contains(c.Id) ? "Home_Step_Screen"
                : !decided ? "Home_Step_Decide"
                : status is TraffickingStatus.Actual or TraffickingStatus.Possible && !consented.Contains(c.Id) ? "Home_Step_Consent"
                : onwardPending.Contains(c.Id) ? "Home_Step_OnwardPending"
                : null;
            DateTimeOffset? reflectionEnds = c.ReflectionEndsOn is { } end && end >= today && end <= warnUntil
                ? new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
            if (step is null && reflectionEnds is not null)
                step = "Home_Step_ReflectionEnds";
            return (c.Id, c.Number, c.Recency, c.IsMinor, Step: step, ReflectionEnds: reflectionEnds);
        }).ToList();
        var items = rows.OrderBy(r => r.ReflectionEnds is null ? 1 : 0).ThenBy(r => r.ReflectionEnds).ThenBy(r => r.Step is null ? 1 : 0)
            .ThenByDescending(r => r.Recency).Take(HomePanelView.MaxItems)
            .Select(r => new HomePanelItem(new HomeText(r.Step is null ? "Home_CaseNoStep" : "Home_CaseStep", r.Number))
            {
                Page = "/Cases/Detail",
                RouteId = r.Id,
                Tag = r.Step is null ? null : new HomeText(r.Step),
                Deadline = r.ReflectionEnds,
                Urgency = r.ReflectionEnds is null ? null : HomeUrgency.Soon,
            }).ToList();
        return new HomePanelView("Home_AssignedCases", items, "assigned-cases", 30)
        {
            Count = cases.Count,
            CountKey = "Home_AssignedCount",
            SeeAll = new HomeLink("/Cases/Index", "Home_CasesSeeAll"),
            EmptyKey = "Home_AssignedEmpty",
        };
    }
}
