namespace Ariadne.Web.Features.Investigation;

/// <summary>Why link-analysis data leaves the system (issue 15 §5: each export records its legal basis).</summary>
public enum ExportLegalBasis
{
    /// <summary>Analysis for the criminal proceedings of this file (Code of Criminal Procedure).</summary>
    CriminalProceedings = 1,
    /// <summary>A request for mutual legal assistance, answered or sent.</summary>
    MutualLegalAssistance = 2,
    /// <summary>A joint investigation team's agreement.</summary>
    JointInvestigationTeam = 3,
    /// <summary>A court's order.</summary>
    CourtOrder = 4,
}
