using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

public sealed record RiskContent(RiskLevel Traffickers, RiskLevel Health, RiskLevel Retrafficking, string? Notes);
