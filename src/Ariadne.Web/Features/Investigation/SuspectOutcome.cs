namespace Ariadne.Web.Features.Investigation;

/// <summary>Where a suspect stands at the end; what the statistics count (investigations, prosecutions, convictions).</summary>
public enum SuspectOutcome
{
    UnderInvestigation = 1,
    Charged = 2,
    Indicted = 3,
    Convicted = 4,
    Acquitted = 5,
    Discontinued = 6,
}
