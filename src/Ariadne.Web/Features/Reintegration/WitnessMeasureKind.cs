namespace Ariadne.Web.Features.Reintegration;

public enum WitnessMeasureKind
{
    ProtectedIdentity = 1,
    VideoLinkTestimony = 2,
    PoliceEscort = 3,
    SeparateWaitingRoom = 4,
    Relocation = 5,
    NoContactOrder = 6,
}
