namespace Ariadne.Web.Features.Awareness;

/// <summary>How a campaign reaches people (a set of flags).</summary>
[Flags]
public enum CampaignChannel
{
    None = 0,
    Television = 1,
    Radio = 2,
    SocialMedia = 4,
    Print = 8,
    Events = 16,
    Schools = 32,
    Outdoor = 64,
}
