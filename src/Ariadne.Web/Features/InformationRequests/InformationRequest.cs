using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>
/// A request from one institution for information another holds on a case (issue 16 §7; the plan's §4, "provision of information
/// ... adhering to the need to know principle"). Filed by a person who works with cases, decided by the National Coordinator. The
/// reference the requester typed is resolved by the system to <see cref="CaseId"/>, which only the Coordinator's office and the
/// holding institution learn: the requester is told "request received" whether or not such a case exists. An approval makes a
/// read-only, time-limited <see cref="Grant"/> to the requesting person (<see cref="GrantId"/>), with the classes approved.
/// </summary>
public sealed class InformationRequest
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>A random number the system quotes (IR-2026-7Q3K9M), never a sequence.</summary>
    [NotPersonal] public string Number { get; set; } = "";
    [NotPersonal] public Guid RequestedBy { get; set; }
    [NotPersonal] public Guid RequesterInstitutionId { get; set; }
    /// <summary>The case or referral number as the requester typed it (normalised to upper case): what they already know.</summary>
    [DataClass(DataClass.Status)] public string Reference { get; set; } = "";
    /// <summary>The case the reference resolved to at filing; null when none. Never shown to the requester before an approval.</summary>
    [NotPersonal] public Guid? CaseId { get; set; }
    /// <summary>How the reference resolved: a case number, a referral's number (the case it became), or nothing.</summary>
    [NotPersonal] public ReferenceMatch Match { get; set; }
    [NotPersonal] public LegalBasis LegalBasis { get; set; }
    /// <summary>The article, decision or consent form the basis rests on (e.g. "art. 12.2").</summary>
    [NotPersonal] public string? BasisReference { get; set; }
    /// <summary>The request's own data key, under which the purpose, the opinion's note and the decision's reason are sealed.</summary>
    [NotPersonal] public Guid DataKeyId { get; set; }
    [DataClass(DataClass.Legal)] public byte[]? PurposeEnc { get; set; }
    [NotPersonal] public DataClass RequestedClasses { get; set; }
    [NotPersonal] public int RequestedDays { get; set; }
    [NotPersonal] public DateTimeOffset SubmittedAt { get; set; }
    /// <summary>The day by which the holding institution is asked for its opinion.</summary>
    [NotPersonal] public DateOnly OpinionDue { get; set; }
    [NotPersonal] public RequestStatus Status { get; set; } = RequestStatus.Submitted;
    [NotPersonal] public OpinionKind? Opinion { get; set; }
    [NotPersonal] public Guid? OpinionBy { get; set; }
    [NotPersonal] public DateTimeOffset? OpinionAt { get; set; }
    [DataClass(DataClass.Legal)] public byte[]? OpinionNoteEnc { get; set; }
    [NotPersonal] public Guid? DecidedBy { get; set; }
    [NotPersonal] public DateTimeOffset? DecidedAt { get; set; }
    [DataClass(DataClass.Legal)] public byte[]? DecisionReasonEnc { get; set; }
    [NotPersonal] public DataClass ApprovedClasses { get; set; }
    [NotPersonal] public DateTimeOffset? ExpiresAt { get; set; }
    [NotPersonal] public Guid? GrantId { get; set; }
    [NotPersonal] public Guid? RevokedBy { get; set; }
    [NotPersonal] public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Set when the job has recorded the lapse of an approval (the grant lapses by itself; this is the record of it).</summary>
    [NotPersonal] public DateTimeOffset? LapseRecordedAt { get; set; }
}
