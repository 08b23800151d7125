using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// A flag on a caller, found by the keyed HMAC of the number (never the number): the operator who answers a repeat
/// contact sees it until it expires. The note is sealed.
/// </summary>
public sealed class CallerFlag
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid InstitutionId { get; set; }
    [DataClass(DataClass.ContactLocation)] public byte[] CallerHash { get; set; } = [];
    [NotPersonal] public CallerFlagKind Kind { get; set; }
    [DataClass(DataClass.Care)] public byte[]? NoteEnc { get; set; }
    [NotPersonal] public Guid DataKeyId { get; set; }
    [NotPersonal] public Guid SetBy { get; set; }
    [NotPersonal] public DateTimeOffset SetAt { get; set; }
    [NotPersonal] public DateTimeOffset ExpiresAt { get; set; }
}
