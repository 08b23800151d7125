using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// Tells the case's protection page that the person agreed when referred: the referrals taken forward into
/// (or joined to) the case on which consent was given. Status facts only (number, date, referring body);
/// the page is already behind the case's own access rule.
/// </summary>
public sealed class ReferralConsentSource(AriadneDbContext db) : IReferralConsentSource
{
    public async Task<IReadOnlyList<ProtectionService.ReferralConsentRow>> GivenForCaseAsync(Guid caseId, CancellationToken ct = default)
    {
        var rows = await (from r in db.Referrals.AsNoTracking()
                          join i in db.Institutions.AsNoTracking() on r.ReferringInstitutionId equals i.Id
                          where r.CaseId == caseId && r.Consent == ReferralConsent.Given
                          select new { r.Number, r.ReceivedAt, i.Name }).ToListAsync(ct);
        return rows.OrderBy(r => r.ReceivedAt).Select(r => new ProtectionService.ReferralConsentRow(r.Number, r.ReceivedAt, r.Name)).ToList();
    }
}
