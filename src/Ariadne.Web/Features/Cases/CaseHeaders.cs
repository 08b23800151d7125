using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Builds the <see cref="CaseHeader"/> from a case as the viewer may see it (<see cref="CaseService.CaseView"/>),
/// inside the caller's audited read. The identification status and the reflection period are the case's own
/// Status fields (written by Identification through the case), so Cases needs no other module for them.
/// </summary>
public sealed class CaseHeaders(AriadneDbContext db, CaseService cases, TimeProvider time, UiTime uiTime)
{
    /// <summary>
    /// The header of a case another module has read inside its own audited read (Identification, Protection):
    /// the same fields under the same rights as on the case's own pages.
    /// </summary>
    public async Task<CaseHeader> BuildAsync(ProtectionCase c, CaseRights rights, CaseTab tab, CancellationToken ct = default) =>
        await BuildAsync(await cases.ProjectForAsync(c, rights, ct), ct) with { Tab = tab };

    public async Task<CaseHeader> BuildAsync(CaseService.CaseView view, CancellationToken ct = default)
    {
        var today = uiTime.Today;
        var f = view.Fields;
        string? name = null;
        AgeBand? band = null;
        var dateOfBirth = f.GetValueOrDefault("dateOfBirth") as string;
        if (f.ContainsKey("givenName"))
        {
            var parts = new[] { f.GetValueOrDefault("givenName") as string, f.GetValueOrDefault("patronymic") as string, f.GetValueOrDefault("familyName") as string }
                .Where(p => !string.IsNullOrWhiteSpace(p));
            name = string.Join(" ", parts);
            if (name.Length == 0)
                name = null;
            band = Band(dateOfBirth, today);
        }
        var isChild = f.GetValueOrDefault("isMinor") is true || CaseInput.IsChild(dateOfBirth, today);
        string? officer = null;
        if (f.ContainsKey("status"))
        {
            var now = time.GetUtcNow();
            officer = await (from g in db.Grants.AsNoTracking().Where(CaseAccess.InForce(now))
                             where g.CaseId == view.Id && g.Relation == Relation.Investigator && g.GranteeUserId != null
                             join u in db.Users on g.GranteeUserId equals u.Id
                             orderby g.ValidFrom
                             select u.DisplayName).FirstOrDefaultAsync(ct);
        }
        int? daysLeft = f.GetValueOrDefault("reflectionEndsOn") is DateOnly ends ? Math.Max(0, ends.DayNumber - today.DayNumber) : null;
        return new CaseHeader(view.Id, view.Number, name, band, isChild,
            f.GetValueOrDefault("status") as CaseStatus?, f.GetValueOrDefault("traffickingStatus") as TraffickingStatus?,
            officer, daysLeft, view.Rights, view.Erased);
    }

    /// <summary>The band of a "yyyy-MM-dd" date of birth on <paramref name="today"/>, null when unknown.</summary>
    public static AgeBand? Band(string? dateOfBirth, DateOnly today)
    {
        if (!DateOnly.TryParseExact(dateOfBirth ?? "", "yyyy-MM-dd", out var born) || born > today)
            return null;
        var age = today.Year - born.Year - (today < born.AddYears(today.Year - born.Year) ? 1 : 0);
        return age switch
        {
            < 12 => AgeBand.Under12,
            < 18 => AgeBand.From12To17,
            < 25 => AgeBand.From18To24,
            < 35 => AgeBand.From25To34,
            < 50 => AgeBand.From35To49,
            _ => AgeBand.From50,
        };
    }
}
