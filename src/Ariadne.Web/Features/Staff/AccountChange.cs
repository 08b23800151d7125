namespace Ariadne.Web.Features.Staff;

/// <summary>
/// A change the platform administrator asked for on an account of an institution that confirms its own
/// staff (<see cref="AccountConfirmations.NeedsConfirmation"/>): membership of a new account, roles,
/// training, or a password reset. It takes effect only when the institution's responsible person approves
/// it; until then the account holds nothing it asked for.
/// </summary>
public sealed class AccountChange
{
    public const string Membership = "membership";
    public const string Roles = "roles";
    public const string Training = "training";
    public const string Password = "password";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid InstitutionId { get; set; }
    public required string Kind { get; set; }
    /// <summary>What was asked (roles and liaison, or a training record) as JSON; never a secret.</summary>
    public string? Payload { get; set; }
    public Guid RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public bool? Approved { get; set; }
}
