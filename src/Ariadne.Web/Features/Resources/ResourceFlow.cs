using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// A pledge, commitment or disbursement by a donor (an IATI transaction), allocated to the needs it answers
/// (<see cref="FlowAllocation"/>). Its amount is the sum of its allocations, all in its currency, the needs' currency.
/// </summary>
public sealed class ResourceFlow
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid DonorId { get; set; }
    [NotPersonal] public FlowType Type { get; set; }
    [NotPersonal] public decimal Amount { get; set; }
    [NotPersonal] public Currency Currency { get; set; }
    [NotPersonal] public DateOnly On { get; set; }
    [NotPersonal] public FlowStatus Status { get; set; } = FlowStatus.Confirmed;
    /// <summary>The transaction's own reference (IATI transaction/@ref) when it came with one.</summary>
    [NotPersonal] public string? Ref { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
}
