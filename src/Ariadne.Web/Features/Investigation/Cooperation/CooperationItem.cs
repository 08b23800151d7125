using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// One thing a request carries abroad: a party of the file with the fields chosen for it (<see cref="PartyId"/>,
/// <see cref="Fields"/>), or a question in words. A victim's details need a justification. When the request is sent the
/// values that went out are sealed here as a snapshot (<see cref="SentValuesEnc"/>), so later changes to the file do not
/// change what the record says was sent.
/// </summary>
public sealed class CooperationItem
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid RequestId { get; set; }
    /// <summary>The source row: the file's party (null for a question).</summary>
    [NotPersonal] public Guid? PartyId { get; set; }
    [DataClass(DataClass.Investigation)] public PartyRole? PartyRole { get; set; }
    [NotPersonal] public PartyFields Fields { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? QuestionEnc { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? JustificationEnc { get; set; }
    /// <summary>The values sent, as JSON of the chosen fields only, sealed at sending.</summary>
    [DataClass(DataClass.Identity)] public byte[]? SentValuesEnc { get; set; }
    [NotPersonal] public DateTimeOffset AddedAt { get; set; }
    [NotPersonal] public Guid AddedBy { get; set; }
}
