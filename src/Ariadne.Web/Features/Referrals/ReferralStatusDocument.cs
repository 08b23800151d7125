namespace Ariadne.Web.Features.Referrals;

/// <summary>What the API tells about one referral: its status and deadlines, nothing else about the case.</summary>
public sealed record ReferralStatusDocument(Guid Id, string Number, ReferralStatus Status, Urgency Urgency, DateTimeOffset ReceivedAt,
    DateTimeOffset AcknowledgeBy, DateTimeOffset? AcknowledgedAt, bool NeedsInterpreter, int Files);
