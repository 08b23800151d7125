namespace Ariadne.Web.Features.Meetings;

/// <summary>An action item's state: open, done by its owner (with a note), or cancelled by the Coordinator.</summary>
public enum ActionItemStatus { Open = 1, Done = 2, Cancelled = 3 }
