using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>Who does what with accommodation. Checked by the services (deny by default); the pages only hide what would be refused.</summary>
public static class AccommodationRoles
{
    /// <summary>Those who look for a bed for someone: the Squad, the helpline, social workers and shelters, and the Coordinator (counts only).</summary>
    public static readonly string[] Finders =
    [
        RoleCatalog.Investigator, RoleCatalog.IdentificationOfficer, RoleCatalog.SquadChief, RoleCatalog.DutyOfficer,
        RoleCatalog.SocialWorker, RoleCatalog.ShelterManager, RoleCatalog.HelplineOperator, RoleCatalog.HelplineSupervisor, RoleCatalog.Coordinator,
    ];

    /// <summary>Those who may hold a bed for a few hours (everyone who finds one, but the Coordinator).</summary>
    public static readonly string[] Holders = [.. Finders.Where(r => r != RoleCatalog.Coordinator)];

    /// <summary>A shelter's staff: they admit and discharge, and see its address.</summary>
    public static readonly string[] Staff = [RoleCatalog.ShelterManager, RoleCatalog.SocialWorker];

    /// <summary>Who keeps a shelter's details and its bed inventory.</summary>
    public static readonly string[] Managers = [RoleCatalog.ShelterManager];

    /// <summary>
    /// Who keeps a shelter's guard roster: its manager (for the shelters of the manager's institution) and the Squad's chief (any shelter),
    /// the Squad being the body the plan's §6 charges with protecting the accommodation.
    /// </summary>
    public static readonly string[] RosterKeepers = [RoleCatalog.ShelterManager, RoleCatalog.SquadChief];

    /// <summary>Guards: the security officer role (Squad or police with security functions, with current shelter-security training). Never a case relation.</summary>
    public static readonly string[] Guards = [RoleCatalog.SecurityOfficer];

    /// <summary>The institutions that may escort a person to a shelter: police bodies and the NGOs and partners that accompany victims.</summary>
    public static readonly InstitutionKind[] Escorts =
    [
        InstitutionKind.AntiTraffickingSquad, InstitutionKind.Police, InstitutionKind.SecurityPolice, InstitutionKind.BorderService,
        InstitutionKind.ServiceProvider, InstitutionKind.Helpline, InstitutionKind.InternationalPartner,
    ];

    public static bool Any(IEnumerable<string> roles, string[] allowed) => roles.Any(allowed.Contains);
}
