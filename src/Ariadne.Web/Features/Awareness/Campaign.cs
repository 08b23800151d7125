using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Awareness;

/// <summary>
/// An awareness campaign (issue 16 §6; the plan's §7): its title in one or more of the three languages, objective, audiences,
/// regions (<see cref="CampaignRegion"/>), channels, period, lead institution and partners, budget, materials and activities.
/// Nothing personal: campaigns are public work.
/// </summary>
public sealed class Campaign
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public string? TitleAz { get; set; }
    [NotPersonal] public string? TitleRu { get; set; }
    [NotPersonal] public string? TitleEn { get; set; }
    [NotPersonal] public string Objective { get; set; } = "";
    [NotPersonal] public CampaignAudience Audiences { get; set; }
    [NotPersonal] public CampaignChannel Channels { get; set; }
    [NotPersonal] public DateOnly StartsOn { get; set; }
    [NotPersonal] public DateOnly EndsOn { get; set; }
    [NotPersonal] public Guid LeadInstitutionId { get; set; }
    /// <summary>In manats, optional.</summary>
    [NotPersonal] public decimal? Budget { get; set; }
    [NotPersonal] public CampaignStatus Status { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
}
