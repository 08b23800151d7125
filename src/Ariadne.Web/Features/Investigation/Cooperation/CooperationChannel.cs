namespace Ariadne.Web.Features.Investigation;

/// <summary>The channel and legal basis a request goes out on.</summary>
public enum CooperationChannel
{
    Interpol = 1,
    Europol = 2,
    BilateralAgreement = 3,
    /// <summary>The Minsk Convention of 1993 on legal assistance (CIS).</summary>
    MinskConvention = 4,
    /// <summary>Mutual legal assistance under the UN Convention against Transnational Organized Crime and its Palermo Protocol.</summary>
    UntocMutualAssistance = 5,
    /// <summary>The Council of Europe Convention on Mutual Assistance in Criminal Matters.</summary>
    CouncilOfEuropeMutualAssistance = 6,
    JointInvestigationTeam = 7,
}
