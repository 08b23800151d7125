using Ariadne.Web.Features.Observation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Awareness;

/// <summary>One activity of a campaign: when, where, what, for whom, and how many people it reached (counted or estimated).</summary>
public sealed class CampaignActivity
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CampaignId { get; set; }
    [NotPersonal] public DateOnly On { get; set; }
    [NotPersonal] public Region Region { get; set; }
    [NotPersonal] public ActivityType Type { get; set; }
    [NotPersonal] public CampaignAudience Audience { get; set; }
    [NotPersonal] public int Reach { get; set; }
    /// <summary>True when the people were counted, false when the reach is an estimate.</summary>
    [NotPersonal] public bool ReachCounted { get; set; }
    [NotPersonal] public string? Notes { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
}
