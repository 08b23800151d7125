namespace Ariadne.Web.Features.Awareness;

/// <summary>Whom a campaign or an activity addresses (a campaign may address several: a set of flags).</summary>
[Flags]
public enum CampaignAudience
{
    None = 0,
    JobseekersAbroad = 1,
    Students = 2,
    RuralWomen = 4,
    MigrantWorkers = 8,
    Teachers = 16,
    Parents = 32,
    Professionals = 64,
    GeneralPublic = 128,
}
