using System.ComponentModel.DataAnnotations;

namespace Ariadne.Web.Features.Investigation;

/// <summary>The evidence locker's limits (section "Evidence").</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>The largest file the locker takes in; the upload endpoints accept a little more for the form around it.</summary>
    [Range(1024, 200L * 1024 * 1024)]
    public long MaxBytes { get; set; } = MaxUploadBytes - 1024 * 1024;

    /// <summary>The request limit of the intake page and API route (the file and the form around it).</summary>
    public const long MaxUploadBytes = 26L * 1024 * 1024;
}
