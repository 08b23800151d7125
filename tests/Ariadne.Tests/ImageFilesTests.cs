using Ariadne.Tests.Investigation;
using Ariadne.Web.Platform.Files;
using SkiaSharp;

namespace Ariadne.Tests;

/// <summary>
/// Photos attached to a referral are kept without their metadata (ASVS 14.2.8): the GPS position, the device and the
/// comments a phone or an editor wrote are gone, the picture still stands the right way up, and what is not a photo that
/// decodes within the bound is refused.
/// </summary>
public sealed class ImageFilesTests
{
    private const string Position = "GPS 40.40930N 49.86709E";
    private const string Device = "Samsung SM-A515F";

    [Fact]
    public void A_jpeg_loses_its_exif_position_and_comment_and_keeps_its_orientation()
    {
        // 400 × 200, red on the left, blue on the right, EXIF orientation 6: shown 200 × 400, red at the top. The EXIF
        // segment also carries a position and a device after its directory, and a comment segment names the place.
        using var bitmap = new SKBitmap(400, 200);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, 200, 200, red);
        }
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        var plain = encoded.ToArray();
        byte[] tiff = [.. "MM\0*"u8, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, .. System.Text.Encoding.ASCII.GetBytes(Position + " " + Device)];
        byte[] exifBody = [.. "Exif\0\0"u8, .. tiff];
        byte[] exif = [0xFF, 0xE1, (byte)((exifBody.Length + 2) >> 8), (byte)(exifBody.Length + 2), .. exifBody];
        var note = System.Text.Encoding.ASCII.GetBytes("taken at the flat on Nizami street");
        byte[] comment = [0xFF, 0xFE, 0, (byte)(note.Length + 2), .. note];
        byte[] photo = [.. plain.AsSpan(0, 2), .. exif, .. comment, .. plain.AsSpan(2)];
        using (var check = SKCodec.Create(SKData.CreateCopy(photo)))
            Assert.Equal(SKEncodedOrigin.RightTop, check.EncodedOrigin); // the orientation is read: the segment is well formed

        var kept = ImageFiles.WithoutMetadata(photo);

        Assert.NotNull(kept);
        var text = System.Text.Encoding.Latin1.GetString(kept);
        Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
        Assert.DoesNotContain("40.40930", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Samsung", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nizami", text, StringComparison.Ordinal);
        using var output = SKBitmap.Decode(kept);
        Assert.Equal((200, 400), (output.Width, output.Height));
        Assert.True(output.GetPixel(100, 40).Red > output.GetPixel(100, 40).Blue, "the red half is not at the top");
        Assert.True(output.GetPixel(100, 300).Blue > output.GetPixel(100, 300).Red, "the blue half is not below");
    }

    [Fact]
    public void A_png_loses_its_text_chunks_and_keeps_its_size()
    {
        var png = EvidenceMediaTests.OneBitPng(120, 80, ("tEXt", [.. "Author\0"u8, .. System.Text.Encoding.ASCII.GetBytes(Device)]), ("tEXt", [.. "Comment\0"u8, .. System.Text.Encoding.ASCII.GetBytes(Position)]));
        Assert.Contains(Device, System.Text.Encoding.Latin1.GetString(png), StringComparison.Ordinal);

        var kept = ImageFiles.WithoutMetadata(png);

        Assert.NotNull(kept);
        var text = System.Text.Encoding.Latin1.GetString(kept);
        Assert.DoesNotContain("Samsung", text, StringComparison.Ordinal);
        Assert.DoesNotContain("40.40930", text, StringComparison.Ordinal);
        using var output = SKBitmap.Decode(kept);
        Assert.Equal((120, 80), (output.Width, output.Height));
    }

    [Fact]
    public void What_does_not_decode_or_would_decode_too_large_is_refused()
    {
        Assert.Null(ImageFiles.WithoutMetadata([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0, 1, 2, 3]));
        Assert.Null(ImageFiles.WithoutMetadata("not a picture at all"u8));
        // Cut short: the header and part of the pixels are there, the rest is missing.
        using (var bitmap = new SKBitmap(200, 150))
        {
            bitmap.Erase(SKColors.Teal);
            using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            Assert.NotNull(ImageFiles.WithoutMetadata(jpeg.ToArray()));
            Assert.Null(ImageFiles.WithoutMetadata(jpeg.ToArray().AsSpan(0, jpeg.ToArray().Length * 85 / 100)));
            Assert.NotNull(ImageFiles.WithoutMetadata(png.ToArray()));
            Assert.Null(ImageFiles.WithoutMetadata(png.ToArray().AsSpan(0, png.ToArray().Length * 60 / 100)));
        }
        // 10,000 × 5,000 pixels in a few kilobytes: above the bound, so not decoded; 6,000 × 5,000 is.
        Assert.Null(ImageFiles.WithoutMetadata(EvidenceMediaTests.OneBitPng(10_000, 5_000)));
        Assert.NotNull(ImageFiles.WithoutMetadata(EvidenceMediaTests.OneBitPng(6_000, 5_000)));
    }
}
