namespace Ariadne.Web.Features.Referrals;

/// <summary>The duty desk's deadline to acknowledge, per urgency (<c>Referrals:AcknowledgeWithin:Immediate</c>, <c>:High</c>, <c>:Standard</c>); each must be positive.</summary>
public sealed class AcknowledgeDeadlines
{
    public TimeSpan Immediate { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan High { get; set; } = TimeSpan.FromHours(4);
    public TimeSpan Standard { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan For(Urgency urgency) => urgency switch
    {
        Urgency.Immediate => Immediate,
        Urgency.High => High,
        _ => Standard,
    };
}
