namespace Ariadne.Web.Features.Investigation;

// Interim stand-in (replaced by the evid branch's implementation on merge).
public sealed record WatermarkedFile(byte[] Content, string ContentType, string FileName, bool Visible);

public static class EvidenceWatermark
{
    public static WatermarkedFile Apply(ReadOnlySpan<byte> content, string contentType, string fileName, string watermark) =>
        new(content.ToArray(), contentType, fileName, false);
}
