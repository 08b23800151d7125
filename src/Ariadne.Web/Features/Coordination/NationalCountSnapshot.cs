namespace Ariadne.Web.Features.Coordination;

/// <summary>A stored snapshot of the national count: what was published, and when.</summary>
public sealed class NationalCountSnapshot
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset TakenAt { get; set; }
    public int? Records { get; set; }
    public int? UniquePeople { get; set; }
    /// <summary>The overlaps between kinds of institution, as published (JSON).</summary>
    public required string Overlaps { get; set; }
}
