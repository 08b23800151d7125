namespace Ariadne.Web.Features.Helpline;

/// <summary>On what basis what a contact told may go to the Squad. Minors and imminent danger go at once, consent or not.</summary>
public enum ConsentBasis
{
    /// <summary>The person concerned agrees to the referral.</summary>
    VictimConsents = 1,
    /// <summary>The person concerned does not agree: the tip is held (a supervisor may override, with a reason).</summary>
    VictimDeclines = 2,
    /// <summary>A tip from someone else about a person or a place: forwarded without the caller's identity.</summary>
    ThirdParty = 3,
    /// <summary>The person concerned is (or may be) a child: always forwarded at once.</summary>
    Minor = 4,
    /// <summary>Someone is in imminent danger: always forwarded at once.</summary>
    ImminentDanger = 5,
}
