using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// A case made by an HTCDS import: the sender's case pseudonym (a second import of the same record makes nothing new, and a
/// later export names the case by it again) and what HTCDS carried that a protection case has no field for — the forms of
/// exploitation and the identification (who identified, which year). Coarse status facts only, as the statistics keep them.
/// </summary>
public sealed class HtcdsCaseLink
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [DataClass(DataClass.Status)] public required string Pseudonym { get; set; }
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public Guid InstitutionId { get; set; }
    [NotPersonal] public DateTimeOffset ImportedAt { get; set; }
    /// <summary><see cref="Platform.Statistics.StatCodes.ExploitationForms"/> codes joined by ";", or null.</summary>
    [DataClass(DataClass.Status)] public string? Exploitation { get; set; }
    /// <summary>HTCDS "who identified" (a <see cref="Identification.DecidingBody"/> name), or null.</summary>
    [DataClass(DataClass.Status)] public string? IdentifiedBy { get; set; }
    [DataClass(DataClass.Status)] public int? IdentificationYear { get; set; }
}
