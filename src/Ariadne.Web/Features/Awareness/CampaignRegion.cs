using Ariadne.Web.Features.Observation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Awareness;

/// <summary>A region a campaign covers.</summary>
public sealed class CampaignRegion
{
    [NotPersonal] public Guid CampaignId { get; set; }
    [NotPersonal] public Region Region { get; set; }
}
