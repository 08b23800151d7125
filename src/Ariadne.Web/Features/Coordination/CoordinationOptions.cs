namespace Ariadne.Web.Features.Coordination;

/// <summary>The <c>Coordination</c> settings, bound and validated at start (<see cref="CoordinationModule"/>).</summary>
public sealed class CoordinationOptions
{
    public const string Section = "Coordination";

    /// <summary><c>Coordination:SnapshotJob = false</c> turns the national count's snapshot job off on a node (tests take snapshots themselves).</summary>
    public bool SnapshotJob { get; set; } = true;
}
