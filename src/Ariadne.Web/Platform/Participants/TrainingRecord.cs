namespace Ariadne.Web.Platform.Participants;

/// <summary>A course a user completed; roles that need training look for one of the right topic.</summary>
public sealed class TrainingRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public TrainingTopic Topic { get; set; }
    public required string Course { get; set; }
    public required string Provider { get; set; }
    public DateOnly CompletedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
}
