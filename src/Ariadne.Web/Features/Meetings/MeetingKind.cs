namespace Ariadne.Web.Features.Meetings;

/// <summary>What kind of meeting the Coordinator's office calls (the plan's §4 "regular meetings of participants").</summary>
public enum MeetingKind { Regular = 1, WorkingGroup = 2, Extraordinary = 3 }
