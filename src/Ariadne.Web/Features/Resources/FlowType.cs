namespace Ariadne.Web.Features.Resources;

/// <summary>
/// The kind of a flow, as IATI's transaction types: a pledge (a promise, not binding), a commitment (a firm, written obligation)
/// and a disbursement (money or goods handed over). See docs/coordination.md for the IATI codes.
/// </summary>
public enum FlowType
{
    Pledge = 1,
    Commitment = 2,
    Disbursement = 3,
}
