namespace Ariadne.Web.Features.Observation;

/// <summary>Where a problem stands: reported and waiting for the Coordinator's office, routed to institutions, or closed.</summary>
public enum ProblemStatus
{
    Reported,
    Routed,
    Closed,
}
