namespace Ariadne.Web.Platform.Audit;

/// <summary>How an idempotent write ended: done now, the first result replayed, or the key refused because it came with another body.</summary>
public enum OnceOutcome { Done, Replayed, KeyConflict }
