namespace Ariadne.Web.Platform.Access;

/// <summary>
/// The only way to a case: a user or an institution (never "everyone"), a relation, the data classes it
/// opens for reading and writing (within the relation's maximum), a validity period, who granted it and
/// why. Revoked explicitly or by expiry. <see cref="CaseRecency"/> repeats the case's recency key and
/// <see cref="CaseUpdatedAt"/> its last activity, so that an index serves a principal's visible cases
/// already in the order the lists show them.
/// </summary>
public sealed class Grant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public long CaseRecency { get; set; }

    /// <summary>
    /// The case's last activity (its UpdatedAt), kept by the database: triggers copy it from the case when the grant is
    /// written and again whenever the case's UpdatedAt changes (migration GrantsFollowCaseActivity). What the code puts
    /// here is replaced; read it from the database, never from an entity just saved.
    /// </summary>
    public DateTimeOffset CaseUpdatedAt { get; set; }
    public Guid? GranteeUserId { get; set; }
    public Guid? GranteeInstitutionId { get; set; }
    public Relation Relation { get; set; }
    public DataClass Read { get; set; }
    public DataClass Write { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }
    public Guid GrantedBy { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? RevokedBy { get; set; }
}
