using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

public enum RiskLevel
{
    Low = 1,
    Medium = 2,
    High = 3,
}
