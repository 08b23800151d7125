namespace Ariadne.Web.Features.Observation;

/// <summary>What kind of problem a participant found in the fight against trafficking.</summary>
public enum ProblemCategory
{
    LegislationGap,
    ProcedurePractice,
    Coordination,
    Resources,
    Training,
    VictimServices,
    DataStatistics,
    Other,
}
