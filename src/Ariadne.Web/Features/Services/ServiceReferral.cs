using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Services;

/// <summary>
/// A service referred to a provider (Care): its type and goal, carried by an onward referral of the Protection module
/// to the provider's institution. The onward referral holds the answer and the grant; this row says which service it is for,
/// and when the service ended (the grant ends with the last open service of its onward referral).
/// </summary>
public sealed class ServiceReferral
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public Guid? GoalId { get; set; }
    [NotPersonal] public Guid OnwardReferralId { get; set; }
    [DataClass(DataClass.Care)] public ServiceType Type { get; set; }
    [DataClass(DataClass.Care)] public Guid ProviderInstitutionId { get; set; }
    [NotPersonal] public DateTimeOffset ReferredAt { get; set; }
    [NotPersonal] public Guid ReferredBy { get; set; }
    [NotPersonal] public DateTimeOffset? EndedAt { get; set; }
    [NotPersonal] public Guid? EndedBy { get; set; }
}
