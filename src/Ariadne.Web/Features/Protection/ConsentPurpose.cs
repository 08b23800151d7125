using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

/// <summary>What a consent is for (HTCDS consent): receiving services, sharing data with the recipient, or repatriation with the recipient partner.</summary>
public enum ConsentPurpose
{
    Services = 1,
    DataSharing = 2,
    /// <summary>Repatriation with the recipient partner: it may see the minimal travel view (never the case).</summary>
    Repatriation = 3,
}
