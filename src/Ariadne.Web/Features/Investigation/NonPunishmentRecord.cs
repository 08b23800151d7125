using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The non-punishment principle (Council of Europe Convention art. 26): an offence a victim was compelled to commit,
/// and what the authorities decided. Recorded per victim; counted in the file and in the aggregate report.
/// </summary>
public sealed class NonPunishmentRecord
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public Guid PartyId { get; set; }
    /// <summary>The offence, as a short sealed description (e.g. use of a forged passport, work without a permit).</summary>
    [DataClass(DataClass.Legal)] public byte[]? OffenceEnc { get; set; }
    [NotPersonal] public NonPunishmentDecision Decision { get; set; }
    [NotPersonal] public DateOnly? DecidedOn { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
}
