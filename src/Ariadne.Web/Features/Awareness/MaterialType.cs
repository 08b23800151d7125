namespace Ariadne.Web.Features.Awareness;

public enum MaterialType
{
    Leaflet,
    Poster,
    Booklet,
    Video,
    AudioSpot,
    SocialMediaPost,
    Presentation,
    Other,
}
