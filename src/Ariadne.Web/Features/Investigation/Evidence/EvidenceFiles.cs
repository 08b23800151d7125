namespace Ariadne.Web.Features.Investigation;

// Interim stand-in (replaced by the evid branch's implementation on merge).
public sealed record EvidenceCheck(string? ErrorKey, string? ContentType, string? Extension, string? SafeName)
{
    public bool Ok => ErrorKey is null;
}

public static class EvidenceFiles
{
    public static IReadOnlyList<string> ErrorKeys { get; } = ["Evidence_FileTooLarge", "Evidence_FileEmpty", "Evidence_FileType", "Evidence_FileActive", "Evidence_FileName", "Evidence_FileTypeMismatch"];

    public static EvidenceCheck Check(string? fileName, string? declaredContentType, ReadOnlySpan<byte> content, long maxBytes) =>
        content.Length == 0 ? new("Evidence_FileEmpty", null, null, null)
        : content.Length > maxBytes ? new("Evidence_FileTooLarge", null, null, null)
        : content.StartsWith("%PDF-"u8) ? new(null, "application/pdf", ".pdf", "file.pdf")
        : new("Evidence_FileType", null, null, null);
}
