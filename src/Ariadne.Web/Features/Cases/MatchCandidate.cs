using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>A person already known, among the cases the viewer may see, and why they may be the same person.</summary>
public sealed record MatchCandidate(Guid CaseId, string CaseNumber, IReadOnlyList<string> Reasons, double? Score);
