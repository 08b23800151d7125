namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// One audited action: who, what (identifiers only — never personal data), when, where (the node, and for staff
/// the client's address), through which relation, for what purpose, and the outcome. Each event carries the hash of the one before it in its chain
/// (<see cref="Chain"/>): concurrent transactions append to different chains, and a signed checkpoint covers
/// every chain's head (see <see cref="AuditChains"/>).
/// The table is append-only: triggers refuse UPDATE and DELETE, and on PostgreSQL the application's
/// role holds no privilege to do either.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>The global order number: unique, increasing along each chain; it may have gaps (a rolled-back append).</summary>
    public long Sequence { get; set; }
    /// <summary>The chain the event belongs to (0 for every event written before chains).</summary>
    public int Chain { get; set; }
    /// <summary>
    /// The event's place in its chain, 1, 2, 3… without gaps; null on events written before chains (hash v1),
    /// which all sit on chain 0 at the place given by their <see cref="Sequence"/>.
    /// </summary>
    public long? Position { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorUserId { get; set; }
    public Guid? ActorInstitutionId { get; set; }
    public required string Action { get; set; }
    public string? TargetType { get; set; }
    public Guid? TargetId { get; set; }
    public Guid? CaseId { get; set; }
    /// <summary>How access was obtained: a grant's relation, "break-glass", or null.</summary>
    public string? Relation { get; set; }
    /// <summary>Why, from a fixed vocabulary (e.g. "case.view"); never free text a person typed.</summary>
    public string? Purpose { get; set; }
    public required string Outcome { get; set; }
    /// <summary>Where: the application node that wrote the event (<c>Audit:NodeName</c>, else the machine's name); null before hash v3.</summary>
    public string? Node { get; set; }
    /// <summary>
    /// Where: the client's address, for requests on behalf of a staff account only (an event with an actor); never for the
    /// anonymous chat and complaint pages, whose visitors may be victims. Null without a request (jobs, verbs) or before hash v3.
    /// </summary>
    public string? ClientAddress { get; set; }
    public required byte[] PreviousHash { get; set; }
    public required byte[] Hash { get; set; }
    /// <summary>
    /// HMAC-SHA256 of <see cref="Hash"/> under the key ring's audit MAC key: proves that Ariadne wrote the
    /// event, before any checkpoint covers it. Null only on events written before issue 9.
    /// </summary>
    public byte[]? Mac { get; set; }
}
