using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Awareness;

/// <summary>A partner institution of a campaign (it may record the campaign's activities and materials).</summary>
public sealed class CampaignPartner
{
    [NotPersonal] public Guid CampaignId { get; set; }
    [NotPersonal] public Guid InstitutionId { get; set; }
}
