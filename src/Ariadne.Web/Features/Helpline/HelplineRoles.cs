using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Helpline;

/// <summary>Who works the helpline. Contacts are the helpline institution's own: nobody outside it reads one.</summary>
public static class HelplineRoles
{
    /// <summary>Operators and their supervisors: they take contacts and forward tips.</summary>
    public static readonly string[] Staff = [RoleCatalog.HelplineOperator, RoleCatalog.HelplineSupervisor];

    /// <summary>Supervisors: they override a forwarding decision (with a reason), keep the roster and watch the board.</summary>
    public static readonly string[] Supervisors = [RoleCatalog.HelplineSupervisor];

    /// <summary>Those who read the helpline's aggregate statistics: its supervisors and the National Coordinator.</summary>
    public static readonly string[] StatisticsReaders = [RoleCatalog.HelplineSupervisor, RoleCatalog.Coordinator];

    public static bool IsStaff(IEnumerable<string> roles) => roles.Any(Staff.Contains);

    public static bool IsSupervisor(IEnumerable<string> roles) => roles.Any(Supervisors.Contains);
}
