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

    public static bool Any(IEnumerable<string> roles, string[] allowed) => roles.Any(allowed.Contains);
}
