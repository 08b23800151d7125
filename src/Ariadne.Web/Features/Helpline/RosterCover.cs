namespace Ariadne.Web.Features.Helpline;

/// <summary>The chat's out-of-hours rule from the roster: out of hours when nobody is on shift now (<see cref="RosterService.CoverAsync"/>).</summary>
public sealed class RosterCover(RosterService roster) : IHelplineCover
{
    public Task<bool> IsOutOfHoursAsync(Guid institutionId, CancellationToken ct) => roster.IsOutOfHoursAsync(institutionId, ct);
}
