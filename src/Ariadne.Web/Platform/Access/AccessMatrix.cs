using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Platform.Access;

/// <summary>The default matrix of PRODUCT.md §3. Write implies read.</summary>
public static class AccessMatrix
{
    private const DataClass S = DataClass.Status, I = DataClass.Identity, C = DataClass.ContactLocation, H = DataClass.Health,
        V = DataClass.Investigation, L = DataClass.Legal, K = DataClass.Care;

    private static RelationRights Rights(DataClass read, DataClass write, InstitutionKind[] kinds, params string[] roles) =>
        new(read | write, write, roles.ToHashSet(), kinds.ToHashSet());

    public static IReadOnlyDictionary<Relation, RelationRights> Default { get; } = new Dictionary<Relation, RelationRights>
    {
        [Relation.Investigator] = Rights(L | K, S | I | C | V, [InstitutionKind.AntiTraffickingSquad],
            RoleCatalog.Investigator, RoleCatalog.IdentificationOfficer, RoleCatalog.DutyOfficer, RoleCatalog.SquadChief),
        [Relation.SquadSupervisor] = Rights(S | I | V | L, DataClass.None, [InstitutionKind.AntiTraffickingSquad], RoleCatalog.SquadChief),
        [Relation.Referrer] = Rights(S, DataClass.None,
            [InstitutionKind.Police, InstitutionKind.BorderService, InstitutionKind.SecurityService, InstitutionKind.Prosecution, InstitutionKind.Helpline,
             InstitutionKind.Shelter, InstitutionKind.ServiceProvider, InstitutionKind.InternationalPartner, InstitutionKind.ExecutiveBody, InstitutionKind.NationalCoordinator],
            RoleCatalog.LawEnforcementOfficer, RoleCatalog.Prosecutor, RoleCatalog.HelplineOperator, RoleCatalog.HelplineSupervisor, RoleCatalog.ShelterManager,
            RoleCatalog.SocialWorker, RoleCatalog.ServiceProfessional, RoleCatalog.PartnerOfficer, RoleCatalog.ExecutiveOfficer, RoleCatalog.Coordinator),
        [Relation.Shelter] = Rights(S | I, C | H | K, [InstitutionKind.Shelter], RoleCatalog.ShelterManager, RoleCatalog.SocialWorker),
        [Relation.ServiceProvider] = Rights(S | I, H | K, [InstitutionKind.ServiceProvider], RoleCatalog.ServiceProfessional),
        [Relation.Prosecutor] = Rights(S | I | V, L, [InstitutionKind.Prosecution], RoleCatalog.Prosecutor),
        [Relation.Court] = Rights(S | I | V, L, [InstitutionKind.Court], RoleCatalog.CourtClerk),
        [Relation.RepatriationPartner] = Rights(S | I | C, K, [InstitutionKind.InternationalPartner], RoleCatalog.PartnerOfficer),
        [Relation.CoordinatorInformation] = Rights(S, DataClass.None, [InstitutionKind.NationalCoordinator], RoleCatalog.Coordinator, RoleCatalog.Analyst),
        // Released on the Coordinator's decision to the requesting person only (no role: an institution-wide grant of it reaches nobody);
        // never contact and location, and never more than the requester's own roles could hold through a relation of their own.
        [Relation.InformationRequest] = Rights(S | I | H | V | L | K, DataClass.None,
            [InstitutionKind.AntiTraffickingSquad, InstitutionKind.Police, InstitutionKind.BorderService, InstitutionKind.SecurityService, InstitutionKind.Prosecution,
             InstitutionKind.Court, InstitutionKind.Shelter, InstitutionKind.ServiceProvider, InstitutionKind.InternationalPartner]),
    };

    /// <summary>The relations whose institution-wide grants reach a holder of these roles.</summary>
    public static IReadOnlyList<Relation> RelationsFor(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return Default.Where(kv => kv.Value.Roles.Overlaps(set)).Select(kv => kv.Key).ToList();
    }
}
