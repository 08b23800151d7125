namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Why a case was closed, modelled on the CTDC/HTCDS case-closure outcomes (the assistance ended because the person
/// recovered and reintegrated, went home, moved to another organisation, was lost, declined, died or was trafficked again).
/// </summary>
public enum CaseClosureOutcome
{
    Reintegrated = 1,
    Repatriated = 2,
    TransferredToOtherOrganisation = 3,
    LostContact = 4,
    DeclinedAssistance = 5,
    Deceased = 6,
    Retrafficked = 7,
    Other = 8,
}
