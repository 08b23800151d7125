namespace Ariadne.Web.Features.Investigation;

/// <summary>A link between two entities of one file, as the viewer may see it.</summary>
public sealed record LinkFacts(
    Guid Id, Guid From, Guid To, LinkKind Kind,
    DateOnly? ValidFrom, DateOnly? ValidUntil, string Source, string Reliability, string Handling, Guid FileId);
