using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Crypto-shredding of one person (<c>person erase CASE-NUMBER</c>): the data key is destroyed, the blind
/// indexes are cleared, and every field encrypted under that key — person, case notes, break-glass
/// explanations, screenings, decisions' rationale, risk assessments, onward notes, and every copy in
/// backups — becomes unreadable. The referrals that became this case are shredded with it (each has its
/// own key: what the referrer submitted, and its files). The case's status record remains.
/// </summary>
public sealed class PersonEraser(AriadneDbContext db, DataKeys dataKeys, AuditTrail audit, TimeProvider time)
{
    public async Task<bool> EraseAsync(string caseNumber, CancellationToken ct = default)
    {
        var number = caseNumber.Trim().ToUpperInvariant();
        var c = await db.Cases.Include(x => x.Person).FirstOrDefaultAsync(x => x.Number == number, ct);
        if (c?.Person is null)
            return false;
        var person = c.Person;
        return await audit.InTransactionAsync(async () =>
        {
            person.DocumentNumberIndex = null;
            person.PhoneIndex = null;
            person.ErasedAt = time.GetUtcNow();
            var referrals = await db.Referrals.Where(r => r.CaseId == c.Id).ToListAsync(ct);
            // The idempotency records of those referrals hold a keyed fingerprint of what was submitted: gone too.
            var referralIds = referrals.Select(r => r.Id).ToList();
            await db.IdempotencyRecords.Where(i => referralIds.Contains(i.ResourceId)).ExecuteDeleteAsync(ct);
            foreach (var referral in referrals)
            {
                referral.DocumentNumberIndex = null;
                referral.PhoneIndex = null;
                await dataKeys.DestroyAsync(referral.DataKeyId, ct);
            }
            await dataKeys.DestroyAsync(person.DataKeyId, ct); // saves the person's changes with it
            return (true, new AuditRecord(AuditAction.PersonErased, TargetType: "person", TargetId: person.Id, CaseId: c.Id, Purpose: "erasure"));
        }, ct);
    }
}
