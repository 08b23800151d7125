using Ariadne.Web.Features.Referrals;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The rules that decide whether a contact goes to the Squad, by when, and why a tip is held. One function, used by the
/// console, the API and the deadline job, so that the rule recorded on a contact is the rule that was applied. Imminent
/// danger and minors always go at once, whatever else is known; a victim who declines is held, visibly, until a supervisor
/// decides (with a reason); anything that is not a trafficking tip goes nowhere.
/// </summary>
public static class ForwardingRules
{
    public const string ImminentDanger = "imminent-danger";
    public const string Minor = "minor";
    public const string VictimConsent = "victim-consent";
    public const string ThirdPartyTip = "third-party-tip";
    public const string HeldNoConsent = "held-no-consent";
    public const string HeldNoBasis = "held-no-basis";
    public const string NotTrafficking = "not-trafficking";
    public const string NonData = "non-data";
    public const string SupervisorForward = "supervisor-forward";
    public const string SupervisorHold = "supervisor-hold";

    public static readonly string[] All =
        [ImminentDanger, Minor, VictimConsent, ThirdPartyTip, HeldNoConsent, HeldNoBasis, NotTrafficking, NonData, SupervisorForward, SupervisorHold];

    /// <summary>What the rules decided. <see cref="Within"/> is null when nothing is to be forwarded; <see cref="Held"/> names why a tip waits.</summary>
    public sealed record Decision(string Rule, TimeSpan? Within, bool AtOnce, bool Held, Urgency Urgency);

    public static Decision Decide(ContactCategory? category, NonDataKind? nonData, ConsentBasis? basis, ForwardingOverride? supervisor, HelplineOptions options)
    {
        if (nonData is not null)
            return new(NonData, null, false, false, Urgency.Standard);
        // Danger and children first: no category, consent or override stops them.
        if (basis == ConsentBasis.ImminentDanger)
            return new(ImminentDanger, options.AtOnceWithin, true, false, Urgency.Immediate);
        if (basis == ConsentBasis.Minor)
            return new(Minor, options.AtOnceWithin, true, false, Urgency.High);
        if (category is null || !ContactCategories.IsTrafficking(category.Value))
            return new(NotTrafficking, null, false, false, Urgency.Standard);
        if (supervisor == ForwardingOverride.Forward)
            return new(SupervisorForward, options.ForwardWithin, false, false, Urgency.Standard);
        if (supervisor == ForwardingOverride.Hold)
            return new(SupervisorHold, null, false, true, Urgency.Standard);
        return basis switch
        {
            ConsentBasis.VictimConsents => new(VictimConsent, options.ForwardWithin, false, false, Urgency.Standard),
            ConsentBasis.ThirdParty => new(ThirdPartyTip, options.ForwardWithin, false, false, Urgency.Standard),
            ConsentBasis.VictimDeclines => new(HeldNoConsent, null, false, true, Urgency.Standard),
            _ => new(HeldNoBasis, null, false, true, Urgency.Standard),
        };
    }
}
