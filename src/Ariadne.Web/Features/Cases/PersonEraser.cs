using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Crypto-shredding of one person (<c>person erase CASE-NUMBER</c>): the data key is destroyed, the blind
/// indexes are cleared, and every field encrypted under that key — person, case notes, break-glass
/// explanations, screenings, decisions' rationale, risk assessments, onward notes, and every copy in
/// backups — becomes unreadable. Other modules shred what they keep under keys of their own through
/// <see cref="IErasureStep"/> (the referrals that became this case). The case's status record remains.
/// </summary>
public sealed class PersonEraser(AriadneDbContext db, DataKeys dataKeys, AuditedWrites writes, TimeProvider time, IEnumerable<IErasureStep> steps)
{
    public async Task<bool> EraseAsync(string caseNumber, CancellationToken ct = default)
    {
        var number = caseNumber.Trim().ToUpperInvariant();
        var c = await db.Cases.Include(x => x.Person).FirstOrDefaultAsync(x => x.Number == number, ct);
        if (c?.Person is null)
            return false;
        var person = c.Person;
        return await writes.RunAsync(null, async ct =>
        {
            person.DocumentNumberIndex = null;
            person.PhoneIndex = null;
            person.ErasedAt = time.GetUtcNow();
            foreach (var step in steps)
                await step.EraseAsync(c.Id, ct);
            await dataKeys.DestroyAsync(person.DataKeyId, ct); // saves the person's changes with it
            return new Audited<bool>(true, new AuditRecord(CasesAudit.PersonErased, TargetType: CasesAudit.Person, TargetId: person.Id, CaseId: c.Id,
                Purpose: CasesAudit.Erasure));
        }, ct);
    }
}
