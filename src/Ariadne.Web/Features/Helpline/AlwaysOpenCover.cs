namespace Ariadne.Web.Features.Helpline;

/// <summary>The default cover: the helpline is always staffed (the roster replaces it when it is plugged in).</summary>
public sealed class AlwaysOpenCover : IHelplineCover
{
    public Task<bool> IsOutOfHoursAsync(Guid institutionId, CancellationToken ct) => Task.FromResult(false);
}
