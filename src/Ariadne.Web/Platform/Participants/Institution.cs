namespace Ariadne.Web.Platform.Participants;

/// <summary>A participant of the plan: a body whose staff use Ariadne.</summary>
public sealed class Institution
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public InstitutionKind Kind { get; set; }
    /// <summary>A short code, e.g. "DIN-152", unique across the deployment.</summary>
    public required string Code { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}
