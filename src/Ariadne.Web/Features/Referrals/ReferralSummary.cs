namespace Ariadne.Web.Features.Referrals;

/// <summary>One referral in the API's list: those the token owner's institution made and, on duty at a desk, those the desk received.</summary>
public sealed record ReferralSummary(Guid Id, string Number, ReferralStatus Status, Urgency Urgency, DateTimeOffset ReceivedAt,
    DateTimeOffset AcknowledgeBy, DateTimeOffset? AcknowledgedAt);
