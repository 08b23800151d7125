namespace Ariadne.Web.Features.Helpline;

/// <summary>What a flag on a caller warns of.</summary>
public enum CallerFlagKind
{
    /// <summary>The caller may be at risk: answer with care, ask for a safe time to call.</summary>
    AtRisk = 1,
    /// <summary>An open tip: link the new contact to it.</summary>
    FollowUp = 2,
    /// <summary>The caller has been abusive to operators.</summary>
    Abusive = 3,
    /// <summary>Repeated silent or prank contacts.</summary>
    Nuisance = 4,
}
