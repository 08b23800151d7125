namespace Ariadne.Web.Features.Investigation;

public enum CustodyKind
{
    Intake = 1,
    Transfer = 2,
    Examination = 3,
    DisclosureToDefence = 4,
    DisclosureToCourt = 5,
    Download = 6,
    Returned = 7,
}
