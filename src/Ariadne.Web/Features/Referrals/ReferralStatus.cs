namespace Ariadne.Web.Features.Referrals;

public enum ReferralStatus
{
    /// <summary>Sent to the Squad, not yet acknowledged.</summary>
    Received = 1,
    /// <summary>The duty desk has it in hand.</summary>
    Acknowledged = 2,
    /// <summary>A case was opened or the referral was joined to an existing case.</summary>
    CaseOpened = 3,
    /// <summary>The Squad found nothing to take forward (recorded with a reason).</summary>
    NotTakenForward = 4,
}
