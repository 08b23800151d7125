namespace Ariadne.Web.Features.Helpline;

/// <summary>What a contact was about. <see cref="ContactCategories"/> maps each to HTCDS, CTDC and Child Helpline International.</summary>
public enum ContactCategory
{
    SexualExploitation = 1,
    ForcedLabour = 2,
    DomesticServitude = 3,
    ForcedBegging = 4,
    ForcedCriminality = 5,
    ForcedMarriage = 6,
    OrganRemoval = 7,
    OtherTrafficking = 8,
    RiskyJobOffer = 9,
    LabourRights = 10,
    MissingPerson = 11,
    DomesticViolence = 12,
    InformationRequest = 13,
    OtherServices = 14,
}
