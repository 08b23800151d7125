namespace Ariadne.Web.Features.Training;

/// <summary>Where a session of a course stands: planned (open to nominations), held (attendance and results recorded), or cancelled.</summary>
public enum SessionStatus
{
    Planned = 1,
    Held = 2,
    Cancelled = 3,
}
