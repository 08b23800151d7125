namespace Ariadne.Web.Features.Cases;

/// <summary>
/// A case as the API gives it: the data classes the token's owner may read and write, and only the
/// fields of the readable classes (the others are absent, not empty).
/// </summary>
public sealed record CaseDocument(Guid Id, string Number, IReadOnlyList<string> Readable, IReadOnlyList<string> Writable, bool Erased, Dictionary<string, object?> Fields);
