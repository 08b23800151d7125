namespace Ariadne.Web.Features.Observation;

/// <summary>The <c>Observation</c> settings, bound and validated at start (<see cref="ObservationModule"/>).</summary>
public sealed class ObservationOptions
{
    public const string Section = "Observation";

    /// <summary><c>Observation:OverdueJob = false</c> turns the overdue notices' job off on a node (tests run its work themselves).</summary>
    public bool OverdueJob { get; set; } = true;
}
