namespace Ariadne.Web.Features.Meetings;

/// <summary>Whether an invited institution or person took part (not yet recorded until the office records it).</summary>
public enum Attendance { NotRecorded = 0, Present = 1, Absent = 2, Excused = 3 }
