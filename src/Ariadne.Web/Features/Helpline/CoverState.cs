namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// Whether the helpline is staffed now, for the chat page and the call webhook: out of hours when nobody is on shift,
/// how many are, and the languages they speak (ISO 639-1). No names.
/// </summary>
public sealed record CoverState(bool OutOfHours, int OnShift, IReadOnlyList<string> Languages);
