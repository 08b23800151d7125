namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// An indicator the system counts from its own records, per calendar year, so that nobody types it in again (issue 16 §1).
/// <see cref="None"/>: the responsible institution reports the actuals.
/// </summary>
public enum ComputedIndicator
{
    None = 0,
    /// <summary>Referrals received by the Squad.</summary>
    ReferralsReceived = 1,
    /// <summary>Identification decisions that found a person a victim (status Actual).</summary>
    VictimsIdentified = 2,
    /// <summary>Admissions to secure accommodation.</summary>
    Placements = 3,
    /// <summary>Training completed by staff (recorded training certificates).</summary>
    TrainingsCompleted = 4,
}
