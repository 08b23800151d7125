namespace Ariadne.Web.Features.Investigation;

/// <summary>What a downloader receives: the bytes, their type and name, and whether the watermark is visible in them.</summary>
public sealed record WatermarkedFile(byte[] Content, string ContentType, string FileName, bool Visible);
