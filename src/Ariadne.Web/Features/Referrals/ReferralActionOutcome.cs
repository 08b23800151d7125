namespace Ariadne.Web.Features.Referrals;

/// <summary>How a duty desk action ended.</summary>
public enum ReferralActionOutcome { Done, NotFound, NotAllowed, Invalid }
