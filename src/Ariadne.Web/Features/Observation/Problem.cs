using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Observation;

/// <summary>
/// A problem found in the fight against trafficking, reported by a participant (issue 16 §5): what kind, what, where. The
/// form warns not to put personal data in it. A reporter who asks to stay anonymous is hidden from the institutions the problem
/// is routed to; the Coordinator's office and the audit still know who reported.
/// </summary>
public sealed class Problem
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>A random number quoted in notices (OB-2026-7Q3K9M), never a sequence.</summary>
    [NotPersonal] public string Number { get; set; } = "";
    [NotPersonal] public ProblemCategory Category { get; set; }
    [NotPersonal] public string Title { get; set; } = "";
    [NotPersonal] public string Description { get; set; } = "";
    [NotPersonal] public Region? Region { get; set; }
    [NotPersonal] public Guid ReporterUserId { get; set; }
    [NotPersonal] public Guid ReporterInstitutionId { get; set; }
    /// <summary>The reporter asked not to be named to the institutions the problem is routed to.</summary>
    [NotPersonal] public bool Anonymous { get; set; }
    [NotPersonal] public ProblemStatus Status { get; set; }
    [NotPersonal] public ProblemClosure? Closure { get; set; }
    [NotPersonal] public string? ClosureReason { get; set; }
    [NotPersonal] public Guid? DuplicateOfId { get; set; }
    [NotPersonal] public Guid? ClosedBy { get; set; }
    [NotPersonal] public DateTimeOffset? ClosedAt { get; set; }
    [NotPersonal] public DateTimeOffset ReportedAt { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
}
