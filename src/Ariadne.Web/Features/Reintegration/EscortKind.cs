namespace Ariadne.Web.Features.Reintegration;

/// <summary>Who accompanies the person on the journey (by institution and role, never a private address).</summary>
public enum EscortKind
{
    None = 1,
    Police = 2,
    SocialWorker = 3,
    PartnerStaff = 4,
    Other = 5,
}
