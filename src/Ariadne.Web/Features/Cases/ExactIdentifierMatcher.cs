using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>Exact document-number and phone matches through the keyed blind indexes.</summary>
public sealed class ExactIdentifierMatcher(CaseAccess access, BlindIndex index) : IPersonMatcher
{
    public async Task<IReadOnlyList<MatchCandidate>> FindAsync(Viewer viewer, Ariadne.Linkage.PersonRecord probe, CancellationToken ct)
    {
        var document = index.DocumentNumber(probe.DocumentNumber);
        var phone = index.Phone(probe.Phone);
        if (document is null && phone is null)
            return [];
        // Only cases whose identity the viewer may read through a grant: never break-glass, never a Status-only view,
        // so a match cannot confirm more than the grant opens.
        var readable = access.ActiveGrants(viewer).Where(g => (g.Read & DataClass.Identity) == DataClass.Identity);
        // A phone match only where the viewer may read contact details too.
        var contact = access.ActiveGrants(viewer).Where(g => (g.Read & DataClass.ContactLocation) == DataClass.ContactLocation);
        var rows = await access.VisibleCases(viewer).Where(c => readable.Any(g => g.CaseId == c.Id))
            .Where(c => (document != null && c.Person!.DocumentNumberIndex == document)
                        || (phone != null && c.Person!.PhoneIndex == phone && contact.Any(g => g.CaseId == c.Id)))
            .OrderByDescending(c => c.Recency).Take(20)
            .Select(c => new
            {
                c.Id,
                c.Number,
                Document = document != null && c.Person!.DocumentNumberIndex == document,
                Phone = phone != null && c.Person!.PhoneIndex == phone && contact.Any(g => g.CaseId == c.Id),
            })
            .ToListAsync(ct);
        return rows.Select(r => new MatchCandidate(r.Id, r.Number, Reasons(r.Document, r.Phone), null)).ToList();
    }

    private static List<string> Reasons(bool document, bool phone)
    {
        var reasons = new List<string>();
        if (document)
            reasons.Add("documentNumber");
        if (phone)
            reasons.Add("phone");
        return reasons;
    }
}
