using System.ComponentModel.DataAnnotations;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>Settings of the information requests (section "InformationRequests").</summary>
public sealed class InformationRequestsOptions
{
    public const string Section = "InformationRequests";

    /// <summary>The longest period a release may run, in days (the plan: information on a case is released for a limited time).</summary>
    [Range(1, 90)] public int MaxDays { get; set; } = 90;

    /// <summary>Working time the holding institution has for its opinion, in days.</summary>
    [Range(1, 30)] public int OpinionDays { get; set; } = 5;

    /// <summary>Whether this node runs the job that records lapsed releases (off on a node that should not).</summary>
    public bool LapseJob { get; set; } = true;
}
