using System.ComponentModel.DataAnnotations;

namespace Ariadne.Web.Features.Training;

/// <summary>The <c>Training</c> settings, bound and validated at start (<see cref="TrainingModule"/>).</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>How many days before a certificate expires its holder and their institution's heads are told (once).</summary>
    [Range(1, 365)]
    public int RefresherDays { get; set; } = 60;

    /// <summary><c>Training:RefresherJob = false</c> turns the refresher notices off on a node.</summary>
    public bool RefresherJob { get; set; } = true;
}
