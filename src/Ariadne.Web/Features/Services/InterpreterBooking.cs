using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Services;

/// <summary>An interpreter booked in a language (ISO 639-1) for a time, for a service's session or another appointment (Care).</summary>
public sealed class InterpreterBooking
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public Guid? ServiceReferralId { get; set; }
    [DataClass(DataClass.Care)] public string Language { get; set; } = "";
    [DataClass(DataClass.Care)] public DateTimeOffset At { get; set; }
    /// <summary>The appointment it is for (free text: "hearing at the district court"), sealed.</summary>
    [DataClass(DataClass.Care)] public byte[]? PurposeEnc { get; set; }
    [NotPersonal] public DateTimeOffset BookedAt { get; set; }
    [NotPersonal] public Guid BookedBy { get; set; }
}
