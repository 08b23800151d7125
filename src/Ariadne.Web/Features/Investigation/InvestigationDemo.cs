using Ariadne.Web.Platform.Demo;

namespace Ariadne.Web.Features.Investigation;

/// <summary>The demo world's criminal file (filled in below).</summary>
public sealed class InvestigationDemo : IDemoData
{
    public Task SeedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
