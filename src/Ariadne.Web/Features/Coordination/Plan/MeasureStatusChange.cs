using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// One status change of a measure, append-only: from what to what, on which day, on what evidence (a description, and a
/// reference such as a decree number, a report or a link), by whom. The measure's timeline is these rows in order.
/// </summary>
public sealed class MeasureStatusChange
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid MeasureId { get; set; }
    /// <summary>The measure's version this change made.</summary>
    [NotPersonal] public int Version { get; set; }
    [NotPersonal] public MeasureStatus From { get; set; }
    [NotPersonal] public MeasureStatus To { get; set; }
    [NotPersonal] public DateOnly On { get; set; }
    /// <summary>What shows the change (the form asks for no personal data here).</summary>
    [NotPersonal] public string Evidence { get; set; } = "";
    [NotPersonal] public string? Reference { get; set; }
    [NotPersonal] public Guid ChangedBy { get; set; }
    [NotPersonal] public Guid ChangedByInstitutionId { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
}
