using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>A person's stay in a shelter: admission, then a mandatory discharge record. Status class (where and when), notes under Care.</summary>
public sealed class Placement
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public Guid ShelterId { get; set; }
    [NotPersonal] public Guid BedId { get; set; }
    [NotPersonal] public DateTimeOffset AdmittedAt { get; set; }
    [NotPersonal] public Guid AdmittedBy { get; set; }
    [NotPersonal] public DateTimeOffset? DischargedAt { get; set; }
    [NotPersonal] public Guid? DischargedBy { get; set; }
    [NotPersonal] public DischargeReason? Reason { get; set; }
    [NotPersonal] public DischargeDestination? Destination { get; set; }
    /// <summary>Whether the person agreed to be contacted for follow-up after leaving.</summary>
    [NotPersonal] public bool? FollowUpConsent { get; set; }
    [DataClass(DataClass.Care)] public byte[]? NotesEnc { get; set; }
    /// <summary>The first name or alias the person chose to be known by at the shelter (the guard board shows only this), under the person's key.</summary>
    [DataClass(DataClass.Status)] public byte[]? AliasEnc { get; set; }
    /// <summary>The language ("az", "ru" or "en") in which the resident acknowledged the house rules, when, and who recorded it.</summary>
    [NotPersonal] public string? HouseRulesLanguage { get; set; }
    [NotPersonal] public DateTimeOffset? HouseRulesAcknowledgedAt { get; set; }
    [NotPersonal] public Guid? HouseRulesAcknowledgedBy { get; set; }
    /// <summary>The conditions attached to the stay, from <see cref="Protection.AssistanceCondition"/> only (comma-separated names).</summary>
    [NotPersonal] public string Conditions { get; set; } = "";
    /// <summary>SHA-256 of the one-time complaint code printed on the welcome sheet; cleared when used or replaced.</summary>
    [NotPersonal] public string? ComplaintCodeHash { get; set; }
}
