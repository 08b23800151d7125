namespace Ariadne.Web.Features.Cases;

/// <summary>
/// What another module must shred when a case's person is erased (e.g. the referrals that became the case,
/// which have keys of their own). Runs inside the erasure's audited transaction, before the person's key is destroyed.
/// </summary>
public interface IErasureStep
{
    Task EraseAsync(Guid caseId, CancellationToken cancellationToken);
}
