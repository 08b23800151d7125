namespace Ariadne.Web.Platform.Participants;

/// <summary>The kinds of participant in PRODUCT.md §1 (the plan's §3–§6).</summary>
public enum InstitutionKind
{
    NationalCoordinator = 1,
    AntiTraffickingSquad = 2,
    Police = 3,
    BorderService = 4,
    SecurityService = 5,
    SecurityPolice = 6,
    Prosecution = 7,
    Court = 8,
    Helpline = 9,
    Shelter = 10,
    ServiceProvider = 11,
    InternationalPartner = 12,
    ExecutiveBody = 13,
    Oversight = 14,
    PlatformAdministration = 15,
}
