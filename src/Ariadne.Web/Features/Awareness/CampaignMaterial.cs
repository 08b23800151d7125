using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Awareness;

/// <summary>A material of a campaign: name, type, language, quantity, and a link or reference to where it is kept (no upload).</summary>
public sealed class CampaignMaterial
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CampaignId { get; set; }
    [NotPersonal] public string Name { get; set; } = "";
    [NotPersonal] public MaterialType Type { get; set; }
    /// <summary>ISO 639-1 (az, ru, en, …).</summary>
    [NotPersonal] public string Language { get; set; } = "";
    [NotPersonal] public int? Quantity { get; set; }
    [NotPersonal] public string? Reference { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
}
