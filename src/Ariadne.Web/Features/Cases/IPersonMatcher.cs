using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// The duplicate check on intake. Implementations search only among the cases the viewer may see
/// (<see cref="CaseAccess.VisibleCases"/>). Today: exact matches through the blind indexes. The
/// transliteration-aware probabilistic matcher of the linkage issue plugs in here (register another
/// <see cref="IPersonMatcher"/>; the duty desk shows every matcher's candidates with their reasons).
/// </summary>
public interface IPersonMatcher
{
    Task<IReadOnlyList<MatchCandidate>> FindAsync(Viewer viewer, Ariadne.Linkage.PersonRecord probe, CancellationToken ct);
}
