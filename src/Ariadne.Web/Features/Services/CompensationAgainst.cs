namespace Ariadne.Web.Features.Services;

/// <summary>Whom compensation is claimed from: the trafficker (in the criminal or a civil case) or the state fund.</summary>
public enum CompensationAgainst
{
    Trafficker = 1,
    StateFund = 2,
}
