namespace Ariadne.Web.Platform.Audit;

/// <summary>What an audited write's work returns: its result, the event to record, and (for an idempotent create) the resource it made.</summary>
public sealed record Audited<T>(T Result, AuditRecord Record, Guid? ResourceId = null);
