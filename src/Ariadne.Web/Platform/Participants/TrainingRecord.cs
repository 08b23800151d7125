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
    /// <summary>The last day the training counts. Shelter security must be renewed (the plan's §6): without this day it never counts.</summary>
    public DateOnly? ValidUntil { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
    /// <summary>The certificate this record stands for (the Training module); null for records made before certificates.</summary>
    public Guid? CertificateId { get; set; }

    /// <summary>Topics whose training must carry a validity (deny by default: without a last day, it does not count).</summary>
    public static bool Expires(TrainingTopic topic) => topic == TrainingTopic.ShelterSecurity;

    /// <summary>Whether the training counts on <paramref name="today"/>: not past its last day, and dated when its topic expires.</summary>
    public bool IsCurrent(DateOnly today) => ValidUntil is { } until ? until >= today : !Expires(Topic);

    /// <summary>The topics a user's training covers today: what role checks look at, at assignment and at use.</summary>
    public static HashSet<TrainingTopic> CurrentTopics(IEnumerable<TrainingRecord> records, DateOnly today) =>
        records.Where(r => r.IsCurrent(today)).Select(r => r.Topic).ToHashSet();
}
