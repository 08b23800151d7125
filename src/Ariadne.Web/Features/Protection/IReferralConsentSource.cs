namespace Ariadne.Web.Features.Protection;

/// <summary>
/// The seam through which the protection page learns the consent a person gave when referred (to be
/// referred and identified). Implemented by the module that keeps referrals, which depends on this one;
/// with no implementation registered, the page shows the consents recorded here only.
/// </summary>
public interface IReferralConsentSource
{
    /// <summary>The referrals the case was made from (or joined) on which consent was given, oldest first; Status facts only.</summary>
    Task<IReadOnlyList<ProtectionService.ReferralConsentRow>> GivenForCaseAsync(Guid caseId, CancellationToken ct = default);
}
