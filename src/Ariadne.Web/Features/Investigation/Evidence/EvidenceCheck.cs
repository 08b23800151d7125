namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The outcome of an evidence intake check: either <see cref="Ok"/> with the type recognised from the content,
/// its canonical extension and a safe display name, or an error key from <see cref="EvidenceFiles.ErrorKeys"/>.
/// </summary>
public sealed record EvidenceCheck(string? ErrorKey, string? ContentType, string? Extension, string? SafeName)
{
    public bool Ok => ErrorKey is null;

    public static EvidenceCheck Fail(string errorKey) => new(errorKey, null, null, null);

    public static EvidenceCheck Accept(string contentType, string extension, string safeName) => new(null, contentType, extension, safeName);
}
