using Ariadne.Web.Platform.Demo;

namespace Ariadne.Web.Features.Coordination;

/// <summary>The daily job takes its first snapshot an hour after start; the demo's Coordinator sees one at once.</summary>
public sealed class CoordinationDemo(NationalCount nationalCount) : IDemoData
{
    public Task SeedAsync(CancellationToken cancellationToken) => nationalCount.SnapshotAsync(cancellationToken);
}
