using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>An offence the file concerns: a code of the reference list (<see cref="Offences"/>).</summary>
public sealed class FileOffence
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public string Code { get; set; } = "";
}
