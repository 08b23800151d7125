namespace Ariadne.Web.Features.Awareness;

public enum CampaignStatus
{
    Planned,
    Running,
    Completed,
    Cancelled,
}
