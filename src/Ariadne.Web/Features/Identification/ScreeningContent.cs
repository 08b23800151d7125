using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Identification;

/// <summary>The clear content of a screening.</summary>
public sealed record ScreeningContent(IReadOnlyList<string> ForcedLabour, IReadOnlyList<string> Operational, string? Notes);
