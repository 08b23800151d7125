using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// What a helpline operator brings to the roster: the languages they answer in and their skills. Kept by the helpline's
/// supervisors, one per user; the roster's gap finder reads it to know which languages are covered each hour.
/// </summary>
public sealed class OperatorProfile
{
    [NotPersonal] public Guid UserId { get; set; }
    [NotPersonal] public Guid InstitutionId { get; set; }
    /// <summary>The languages spoken, as a comma list of ISO 639-1 codes ("az,ru,en").</summary>
    [NotPersonal] public string Languages { get; set; } = "";
    /// <summary>The skills, as a comma list of codes (<see cref="RosterService.SkillCodes"/>).</summary>
    [NotPersonal] public string Skills { get; set; } = "";
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
}
