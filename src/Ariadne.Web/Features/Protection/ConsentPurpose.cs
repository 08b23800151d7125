using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

/// <summary>What a consent is for (HTCDS consent): receiving services, or sharing data with the recipient.</summary>
public enum ConsentPurpose
{
    Services = 1,
    DataSharing = 2,
}
