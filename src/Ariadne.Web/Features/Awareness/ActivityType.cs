namespace Ariadne.Web.Features.Awareness;

public enum ActivityType
{
    PublicEvent,
    SchoolSession,
    Broadcast,
    SocialMediaPost,
    Distribution,
    Workshop,
    Other,
}
