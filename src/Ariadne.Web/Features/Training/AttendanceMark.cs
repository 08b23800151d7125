namespace Ariadne.Web.Features.Training;

/// <summary>Whether a participant attended a held session.</summary>
public enum AttendanceMark
{
    Attended = 1,
    Partial = 2,
    Absent = 3,
}
