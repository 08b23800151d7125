namespace Ariadne.Web.Features.Investigation;

/// <summary>The procedural stages of a criminal file, in order.</summary>
public enum FileStage
{
    OperationalInvestigation = 1,
    CriminalCaseOpened = 2,
    Charged = 3,
    IndictmentToCourt = 4,
    Hearings = 5,
    Verdict = 6,
    Appeal = 7,
    Closed = 8,
}
