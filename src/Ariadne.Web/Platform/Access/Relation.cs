using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Platform.Access;

/// <summary>How a user or institution stands to a case; each relation opens some data classes.</summary>
public enum Relation
{
    Investigator = 1,
    SquadSupervisor = 2,
    Referrer = 3,
    Shelter = 4,
    ServiceProvider = 5,
    Prosecutor = 6,
    Court = 7,
    RepatriationPartner = 8,
    CoordinatorInformation = 9,
}
