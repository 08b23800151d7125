using System.ComponentModel.DataAnnotations;

namespace Ariadne.Web.Features.Resources;

/// <summary>The <c>Resources</c> settings, bound and validated at start (<see cref="ResourcesModule"/>).</summary>
public sealed class ResourcesOptions
{
    public const string Section = "Resources";

    /// <summary>
    /// The IATI organisation identifier of the reporting organisation (the National Coordinator's office), which prefixes every
    /// activity's iati-identifier. Set it to the office's registered identifier before publishing.
    /// </summary>
    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{1,80}$")]
    public string ReportingOrgRef { get; set; } = "AZ-NCTIP";

    /// <summary>The largest IATI file accepted for import, in bytes.</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public int MaxImportBytes { get; set; } = 2 * 1024 * 1024;
}
