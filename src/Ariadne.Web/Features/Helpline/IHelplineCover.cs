namespace Ariadne.Web.Features.Helpline;

/// <summary>Whether the helpline is staffed now: out of hours, the chat still takes messages but says so and gives the escalation route.</summary>
public interface IHelplineCover
{
    Task<bool> IsOutOfHoursAsync(Guid institutionId, CancellationToken ct);
}
