using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// When a case's person is erased, the referrals that became the case are shredded with it: each has its own
/// key (what the referrer submitted, and its files), and its idempotency record holds a keyed fingerprint of it.
/// </summary>
public sealed class ReferralErasure(AriadneDbContext db, DataKeys dataKeys) : IErasureStep
{
    public async Task EraseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var referrals = await db.Referrals.Where(r => r.CaseId == caseId).ToListAsync(cancellationToken);
        var referralIds = referrals.Select(r => r.Id).ToList();
        await db.IdempotencyRecords.Where(i => referralIds.Contains(i.ResourceId)).ExecuteDeleteAsync(cancellationToken);
        foreach (var referral in referrals)
        {
            referral.DocumentNumberIndex = null;
            referral.PhoneIndex = null;
            await dataKeys.DestroyAsync(referral.DataKeyId, cancellationToken);
        }
    }
}
