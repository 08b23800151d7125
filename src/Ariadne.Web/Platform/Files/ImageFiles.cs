using SkiaSharp;

namespace Ariadne.Web.Platform.Files;

/// <summary>
/// Photos as they are meant to be seen, and without what the camera wrote about them. Decoding is bounded: the dimensions
/// come from the header, and nothing larger than <see cref="MaxPixels"/> is decoded.
/// </summary>
public static class ImageFiles
{
    /// <summary>The most pixels decoded (a 40-megapixel photo; a small file that claims more is a decompression bomb).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>
    /// A JPEG or PNG decoded and encoded again (ASVS 14.2.8): EXIF (the GPS position, the device, the time), XMP, IPTC,
    /// comments and text chunks are gone, and the EXIF orientation is applied to the pixels first, so the picture still
    /// stands the right way up. Null when the content is not a JPEG or PNG that decodes whole within the bound.
    /// </summary>
    public static byte[]? WithoutMetadata(ReadOnlySpan<byte> content)
    {
        try
        {
            using var data = SKData.CreateCopy(content);
            using var codec = SKCodec.Create(data);
            if (codec is null)
                return null;
            var (format, quality) = codec.EncodedFormat switch
            {
                SKEncodedImageFormat.Png => (SKEncodedImageFormat.Png, 100),
                SKEncodedImageFormat.Jpeg => (SKEncodedImageFormat.Jpeg, 92),
                _ => (default(SKEncodedImageFormat?), 0),
            };
            var info = codec.Info;
            if (format is null || info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
                return null;
            // Every pixel must decode: a cut or damaged file (which SKBitmap.Decode would fill in) is not taken for a photo.
            using var decoded = new SKBitmap(info.WithColorType(SKImageInfo.PlatformColorType).WithAlphaType(SKAlphaType.Premul));
            if (codec.GetPixels(decoded.Info, decoded.GetPixels()) != SKCodecResult.Success)
                return null;
            using var upright = Orient(decoded, codec.EncodedOrigin);
            using var encoded = upright.Encode(format.Value, quality);
            return encoded?.ToArray();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>
    /// The pixels as the photo is meant to be seen: re-encoding drops the EXIF orientation, so it is applied first.
    /// </summary>
    public static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;
        SKMatrix? matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (matrix is null)
            return source.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var oriented = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(oriented);
        canvas.SetMatrix(matrix.Value);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return oriented;
    }
}
