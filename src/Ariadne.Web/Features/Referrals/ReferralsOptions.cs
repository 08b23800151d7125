namespace Ariadne.Web.Features.Referrals;

/// <summary>The <c>Referrals</c> settings, bound and validated at start (<see cref="ReferralsModule"/>).</summary>
public sealed class ReferralsOptions
{
    public const string Section = "Referrals";

    /// <summary>How long the duty desk has to acknowledge, by urgency (<c>Referrals:AcknowledgeWithin:{Urgency}</c>).</summary>
    public AcknowledgeDeadlines AcknowledgeWithin { get; set; } = new();

    /// <summary>Which Squad receives referrals when there are several (<c>Referrals:SquadInstitutionCode</c>; default: the first active one by code).</summary>
    public string? SquadInstitutionCode { get; set; }
}
