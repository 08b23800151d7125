using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Observation;

/// <summary>An institution the reporter thinks the problem concerns (a suggestion to the Coordinator's office, nothing more).</summary>
public sealed class ProblemConcern
{
    [NotPersonal] public Guid ProblemId { get; set; }
    [NotPersonal] public Guid InstitutionId { get; set; }
}
