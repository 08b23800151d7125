using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// A donor organisation, kept by the Coordinator's office (donors state what they support through the Coordinator). It may be
/// linked to a participating institution (an international partner) whose users then see the needs it could answer.
/// </summary>
public sealed class Donor
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public string Name { get; set; } = "";
    /// <summary>Its IATI organisation identifier (e.g. XM-DAC-41123), when it has one.</summary>
    [NotPersonal] public string? Ref { get; set; }
    [NotPersonal] public Guid? InstitutionId { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
}
