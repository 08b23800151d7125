using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>The sealed content of an evidence item.</summary>
public sealed class EvidenceContent
{
    [NotPersonal] public Guid ItemId { get; set; }
    [DataClass(DataClass.Investigation)] public byte[] ContentEnc { get; set; } = [];
}
