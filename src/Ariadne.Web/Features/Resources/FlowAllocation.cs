using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Resources;

/// <summary>The part of a flow that answers one need.</summary>
public sealed class FlowAllocation
{
    [NotPersonal] public Guid FlowId { get; set; }
    [NotPersonal] public Guid NeedId { get; set; }
    [NotPersonal] public decimal Amount { get; set; }
}
