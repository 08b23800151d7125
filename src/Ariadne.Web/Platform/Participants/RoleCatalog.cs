using System.Collections.Frozen;

namespace Ariadne.Web.Platform.Participants;

/// <summary>
/// The roles of PRODUCT.md §1. A role fits only some institution kinds; some need training first
/// (PRODUCT.md §2.1). No role here grants access to case data: that comes only from grants.
/// </summary>
public static class RoleCatalog
{
    public const string Coordinator = "Coordinator";
    public const string Analyst = "Analyst";
    public const string DutyOfficer = "DutyOfficer";
    public const string Investigator = "Investigator";
    public const string IdentificationOfficer = "IdentificationOfficer";
    public const string SquadChief = "SquadChief";
    public const string LawEnforcementOfficer = "LawEnforcementOfficer";
    public const string SecurityOfficer = "SecurityOfficer";
    public const string Prosecutor = "Prosecutor";
    public const string CourtClerk = "CourtClerk";
    public const string HelplineOperator = "HelplineOperator";
    public const string HelplineSupervisor = "HelplineSupervisor";
    public const string ShelterManager = "ShelterManager";
    public const string SocialWorker = "SocialWorker";
    public const string ServiceProfessional = "ServiceProfessional";
    public const string PartnerOfficer = "PartnerOfficer";
    public const string ExecutiveOfficer = "ExecutiveOfficer";
    public const string Auditor = "Auditor";
    public const string Administrator = "Administrator";

    private static RoleDefinition Role(string name, TrainingTopic? training, params InstitutionKind[] kinds) =>
        new(name, kinds.ToFrozenSet(), training);

    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        Role(Coordinator, null, InstitutionKind.NationalCoordinator),
        Role(Analyst, null, InstitutionKind.NationalCoordinator),
        Role(DutyOfficer, TrainingTopic.AntiTrafficking, InstitutionKind.AntiTraffickingSquad),
        Role(Investigator, TrainingTopic.AntiTrafficking, InstitutionKind.AntiTraffickingSquad),
        Role(IdentificationOfficer, TrainingTopic.AntiTrafficking, InstitutionKind.AntiTraffickingSquad),
        Role(SquadChief, TrainingTopic.AntiTrafficking, InstitutionKind.AntiTraffickingSquad),
        Role(LawEnforcementOfficer, null, InstitutionKind.Police, InstitutionKind.BorderService, InstitutionKind.SecurityService),
        // §6: the accommodation is guarded by the Squad and by police bodies performing security functions, after specific training.
        Role(SecurityOfficer, TrainingTopic.ShelterSecurity, InstitutionKind.SecurityPolice, InstitutionKind.AntiTraffickingSquad),
        Role(Prosecutor, null, InstitutionKind.Prosecution),
        Role(CourtClerk, null, InstitutionKind.Court),
        Role(HelplineOperator, TrainingTopic.Helpline, InstitutionKind.Helpline),
        Role(HelplineSupervisor, TrainingTopic.Helpline, InstitutionKind.Helpline),
        Role(ShelterManager, TrainingTopic.VictimAssistance, InstitutionKind.Shelter),
        Role(SocialWorker, TrainingTopic.VictimAssistance, InstitutionKind.Shelter),
        Role(ServiceProfessional, null, InstitutionKind.ServiceProvider),
        Role(PartnerOfficer, null, InstitutionKind.InternationalPartner),
        Role(ExecutiveOfficer, null, InstitutionKind.ExecutiveBody),
        Role(Auditor, null, InstitutionKind.Oversight),
        Role(Administrator, null, InstitutionKind.PlatformAdministration),
    ];

    private static readonly FrozenDictionary<string, RoleDefinition> ByName =
        All.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);

    public static RoleDefinition? Find(string name) => ByName.GetValueOrDefault(name);

    public static IEnumerable<RoleDefinition> For(InstitutionKind kind) => All.Where(r => r.Kinds.Contains(kind));

    /// <summary>Law-enforcement bodies appoint one trained liaison officer to the Squad (§5).</summary>
    public static bool HasLiaisonOfficer(InstitutionKind kind) =>
        kind is InstitutionKind.Police or InstitutionKind.BorderService or InstitutionKind.SecurityService
            or InstitutionKind.SecurityPolice or InstitutionKind.Prosecution;

    /// <summary>Checks a set of roles against the institution and the user's trainings; returns error keys.</summary>
    public static IReadOnlyList<RoleProblem> Check(
        InstitutionKind kind, IEnumerable<string> roles, IReadOnlyCollection<TrainingTopic> trainings, bool isLiaison)
    {
        var problems = new List<RoleProblem>();
        foreach (var name in roles)
        {
            var role = Find(name);
            if (role is null)
                problems.Add(new RoleProblem("Error_RoleUnknown", name));
            else if (!role.Kinds.Contains(kind))
                problems.Add(new RoleProblem("Error_RoleDoesNotFitInstitution", name));
            else if (role.RequiredTraining is { } topic && !trainings.Contains(topic))
                problems.Add(new RoleProblem("Error_RoleNeedsTraining", name));
        }
        if (isLiaison && !HasLiaisonOfficer(kind))
            problems.Add(new RoleProblem("Error_LiaisonNotLawEnforcement", null));
        if (isLiaison && !trainings.Contains(TrainingTopic.AntiTrafficking))
            problems.Add(new RoleProblem("Error_LiaisonNeedsTraining", null));
        return problems;
    }
}
