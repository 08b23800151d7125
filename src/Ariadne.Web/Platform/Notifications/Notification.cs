namespace Ariadne.Web.Platform.Notifications;

/// <summary>An in-app message to a user, to an institution, or to every holder of a role.</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? RecipientUserId { get; set; }
    public Guid? RecipientInstitutionId { get; set; }
    public string? RecipientRole { get; set; }
    public required string Kind { get; set; }
    public Guid? CaseId { get; set; }
    public string? CaseNumber { get; set; }
    public Guid? BreakGlassId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
