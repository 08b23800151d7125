using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

/// <summary>The person's consent for one purpose and one recipient institution; withdrawn, never deleted.</summary>
public sealed class Consent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public ConsentPurpose Purpose { get; set; }
    public Guid RecipientInstitutionId { get; set; }
    public ConsentForm Form { get; set; }
    public DateOnly GivenOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public Guid? WithdrawnBy { get; set; }
}
