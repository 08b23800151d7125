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
    /// <summary>
    /// Information released by the National Coordinator's decision on a request from another institution (Features/InformationRequests):
    /// always to the requesting person by name, read-only, time-limited. No role holds it through an institution.
    /// </summary>
    InformationRequest = 10,
}
