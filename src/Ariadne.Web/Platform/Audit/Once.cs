namespace Ariadne.Web.Platform.Audit;

/// <summary>The outcome of <see cref="AuditedWrites.RunOnceAsync{T}"/> and its result (none on a key conflict).</summary>
public sealed record Once<T>(OnceOutcome Outcome, T? Result);
