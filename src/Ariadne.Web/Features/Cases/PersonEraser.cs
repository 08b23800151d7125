using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Backup;
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
/// The case's id goes on the erasure list (<see cref="ErasureList"/>), kept apart from the backups, so that a
/// restore of an earlier backup erases the person again.
/// </summary>
public sealed class PersonEraser(AriadneDbContext db, DataKeys dataKeys, AuditedWrites writes, TimeProvider time, IEnumerable<IErasureStep> steps, ErasureList erasures)
{
    public async Task<bool> EraseAsync(string caseNumber, CancellationToken ct = default)
    {
        var number = caseNumber.Trim().ToUpperInvariant();
        var c = await db.Cases.Include(x => x.Person).FirstOrDefaultAsync(x => x.Number == number, ct);
        if (c?.Person is null)
            return false;
        await EraseAsync(c, CasesAudit.Erasure, listed: false, ct);
        return true;
    }

    /// <summary>
    /// After a restore: erases again the person of a case on the erasure list. False when the case is not in the
    /// database or its person is erased already (the backup was written after the erasure).
    /// </summary>
    public async Task<bool> EraseAgainAsync(Guid caseId, CancellationToken ct = default)
    {
        var c = await db.Cases.Include(x => x.Person).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c?.Person is null || c.Person.ErasedAt is not null)
            return false;
        await EraseAsync(c, CasesAudit.ErasureAfterRestore, listed: true, ct);
        return true;
    }

    private Task<bool> EraseAsync(ProtectionCase c, Platform.Audit.AuditPurpose purpose, bool listed, CancellationToken ct)
    {
        var person = c.Person!;
        return writes.RunAsync(null, async ct =>
        {
            person.DocumentNumberIndex = null;
            person.PhoneIndex = null;
            person.ErasedAt = time.GetUtcNow();
            foreach (var step in steps)
                await step.EraseAsync(c.Id, ct);
            await dataKeys.DestroyAsync(person.DataKeyId, ct); // saves the person's changes with it
            if (!listed)
                erasures.Append(c.Id, person.ErasedAt.Value); // on disk before the erasure commits
            return new Audited<bool>(true, new AuditRecord(CasesAudit.PersonErased, TargetType: CasesAudit.Person, TargetId: person.Id, CaseId: c.Id,
                Purpose: purpose));
        }, ct);
    }
}
