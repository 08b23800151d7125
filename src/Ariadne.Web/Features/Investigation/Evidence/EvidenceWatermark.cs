using System.IO.Compression;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using SkiaSharp;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// Marks every downloaded copy of a piece of evidence with who took it, when, and which download it was, so a copy
/// that leaks can be traced. PDF pages and PNG/JPEG images carry the mark visibly; every other type (and any PDF or
/// image that cannot be safely opened) is delivered inside a ZIP beside a WATERMARK.txt, with the mark also as the
/// archive's comment, the original file unchanged.
/// </summary>
public static class EvidenceWatermark
{
    /// <summary>Images larger than this are not decoded (a small file can claim a huge canvas: a decompression bomb).</summary>
    public const long MaxImagePixels = Platform.Files.ImageFiles.MaxPixels;

    public const string WatermarkEntryName = "WATERMARK.txt";

    public static WatermarkedFile Apply(ReadOnlySpan<byte> content, string contentType, string fileName, string watermark)
    {
        var mark = OneLine(watermark);
        var name = PlainName(fileName);
        var type = contentType.Split(';')[0].Trim().ToLowerInvariant();
        var visible = type switch
        {
            "application/pdf" => StampPdf(content, mark),
            "image/png" or "image/jpeg" => StampImage(content, mark),
            _ => null,
        };
        return visible is not null ? visible with { FileName = name } : InArchive(content, name, mark);
    }

    private static string OneLine(string watermark)
    {
        var builder = new StringBuilder(watermark.Length);
        foreach (var c in watermark)
        {
            // Bidi overrides are dropped: a name holding one could make the mark read backwards.
            if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
                continue;
            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }
        var line = builder.ToString().Trim();
        return line.Length > 400 ? line[..400] : line;
    }

    private static string PlainName(string fileName)
    {
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Select(c => char.IsControl(c) || c == ':' ? '_' : c).ToArray()).Trim();
        return name.Length == 0 || name.Trim('.').Length == 0 ? "evidence" : name;
    }

    // ---- metadata only: a zip with the original and the mark ----

    private static WatermarkedFile InArchive(ReadOnlySpan<byte> content, string name, string mark)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
        {
            archive.Comment = mark;
            var entryName = string.Equals(name, WatermarkEntryName, StringComparison.OrdinalIgnoreCase) ? "original_" + name : name;
            // Stored, not deflated: the original's bytes are in the archive exactly as they are in the locker.
            var original = archive.CreateEntry(entryName, CompressionLevel.NoCompression);
            using (var stream = original.Open())
                stream.Write(content);
            var note = archive.CreateEntry(WatermarkEntryName, CompressionLevel.Optimal);
            using (var stream = note.Open())
                stream.Write(Encoding.UTF8.GetBytes(mark + "\n"));
        }
        return new WatermarkedFile(buffer.ToArray(), "application/zip", name + ".zip", Visible: false);
    }

    // ---- PDF: a footer line and a diagonal line on every page, and the Info dictionary ----

    private static WatermarkedFile? StampPdf(ReadOnlySpan<byte> content, string mark)
    {
        if (!EvidenceFontResolver.EnsureInstalled())
            return null;
        try
        {
            using var input = new MemoryStream(content.ToArray(), writable: false);
            using var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
            if (document.PageCount == 0)
                return null;
            document.Info.Subject = mark;
            document.Info.Keywords = mark;
            var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
            foreach (var page in document.Pages)
            {
                // PDFsharp's own handling of /Rotate does not keep the drawing on the page, so the page is drawn on
                // unrotated (in media-box space) and the rotation is applied here, so the mark reads upright.
                var rotate = ((page.Rotate % 360) + 360) % 360;
                var box = page.MediaBox;
                // A reader shows the crop box (the media box when there is none): the mark goes inside it.
                var shown = page.HasCropBox ? page.CropBox : box;
                double w = shown.Width, h = shown.Height;
                page.Rotate = 0;
                page.Orientation = PdfSharp.PageOrientation.Portrait;
                page.MediaBox = box;
                using (var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append))
                {
                    graphics.TranslateTransform(shown.X1 - box.X1, box.Y2 - shown.Y2);
                    // From what a reader shows (x right, y down) to the unrotated page (x right, y down).
                    var (shownWidth, shownHeight) = rotate is 90 or 270 ? (h, w) : (w, h);
                    switch (rotate)
                    {
                        case 90:
                            graphics.MultiplyTransform(new XMatrix(0, -1, 1, 0, 0, h));
                            break;
                        case 180:
                            graphics.MultiplyTransform(new XMatrix(-1, 0, 0, -1, w, h));
                            break;
                        case 270:
                            graphics.MultiplyTransform(new XMatrix(0, 1, -1, 0, w, 0));
                            break;
                    }
                    StampPage(graphics, shownWidth, shownHeight, mark, options);
                }
                page.Rotate = rotate;
            }
            using var output = new MemoryStream();
            document.Save(output, closeStream: false);
            return new WatermarkedFile(output.ToArray(), "application/pdf", string.Empty, Visible: true);
        }
        catch (Exception)
        {
            // Encrypted, damaged or unusual PDFs are delivered unchanged inside the watermarked archive.
            return null;
        }
    }

    private static void StampPage(XGraphics graphics, double width, double height, string mark, XPdfFontOptions options)
    {
        // Footer: dark grey on a translucent white band, sized to fit the page's width.
        var footerSize = FitFontSize(graphics, mark, width - 24, 8, 2, options);
        var footerFont = new XFont(EvidenceFontResolver.FamilyName, footerSize, XFontStyleEx.Regular, options);
        var band = footerSize * 2;
        graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(170, 255, 255, 255)), 0, height - band, width, band);
        graphics.DrawString(mark, footerFont, new XSolidBrush(XColor.FromArgb(220, 60, 60, 60)),
            new XRect(12, height - band, width - 24, band), XStringFormats.Center);

        // Diagonal: large, light and translucent, across the page from corner to corner.
        var diagonal = Math.Sqrt(width * width + height * height);
        var diagonalSize = FitFontSize(graphics, mark, diagonal * 0.85, 48, 2, options);
        var diagonalFont = new XFont(EvidenceFontResolver.FamilyName, diagonalSize, XFontStyleEx.Regular, options);
        var state = graphics.Save();
        graphics.TranslateTransform(width / 2, height / 2);
        graphics.RotateTransform(-Math.Atan2(height, width) * 180 / Math.PI);
        graphics.DrawString(mark, diagonalFont, new XSolidBrush(XColor.FromArgb(70, 128, 128, 128)),
            new XRect(-diagonal / 2, -diagonalSize, diagonal, diagonalSize * 2), XStringFormats.Center);
        graphics.Restore(state);
    }

    private static double FitFontSize(XGraphics graphics, string text, double maxWidth, double preferred, double minimum, XPdfFontOptions options)
    {
        var probe = new XFont(EvidenceFontResolver.FamilyName, preferred, XFontStyleEx.Regular, options);
        var measured = graphics.MeasureString(text, probe).Width;
        if (measured <= maxWidth || measured <= 0)
            return preferred;
        return Math.Max(minimum, preferred * maxWidth / measured);
    }

    // ---- PNG and JPEG: tiled diagonal text and a solid strip at the bottom ----

    private static WatermarkedFile? StampImage(ReadOnlySpan<byte> content, string mark)
    {
        if (!File.Exists(EvidenceFontResolver.FontPath))
            return null;
        try
        {
            using var data = SKData.CreateCopy(content);
            using var codec = SKCodec.Create(data);
            if (codec is null)
                return null;
            var (format, contentType, quality) = codec.EncodedFormat switch
            {
                SKEncodedImageFormat.Png => (SKEncodedImageFormat.Png, "image/png", 100),
                SKEncodedImageFormat.Jpeg => (SKEncodedImageFormat.Jpeg, "image/jpeg", 90),
                _ => (default(SKEncodedImageFormat?), string.Empty, 0),
            };
            var info = codec.Info;
            // The dimensions come from the header alone; nothing is decoded before this check.
            if (format is null || info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxImagePixels)
                return null;

            using var decoded = SKBitmap.Decode(codec);
            if (decoded is null)
                return null;
            using var bitmap = Platform.Files.ImageFiles.Orient(decoded, codec.EncodedOrigin);
            using var typeface = SKTypeface.FromFile(EvidenceFontResolver.FontPath);
            if (typeface is null)
                return null;
            using (var canvas = new SKCanvas(bitmap))
            {
                DrawTiles(canvas, bitmap.Width, bitmap.Height, mark, typeface);
                DrawStrip(canvas, bitmap.Width, bitmap.Height, mark, typeface);
            }
            using var encoded = bitmap.Encode(format.Value, quality);
            return encoded is null ? null : new WatermarkedFile(encoded.ToArray(), contentType, string.Empty, Visible: true);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static void DrawTiles(SKCanvas canvas, int width, int height, string mark, SKTypeface typeface)
    {
        var size = Math.Max(12f, Math.Max(Math.Min(width, height) / 25f, Math.Max(width, height) / 60f));
        using var font = new SKFont(typeface, size);
        using var dark = new SKPaint { Color = new SKColor(0, 0, 0, 96), IsAntialias = true };
        using var light = new SKPaint { Color = new SKColor(255, 255, 255, 80), IsAntialias = true };
        var textWidth = Math.Max(font.MeasureText(mark), size);
        var stepX = textWidth + size * 3;
        var stepY = size * 4;
        var reach = (float)Math.Sqrt((double)width * width + (double)height * height);
        canvas.Save();
        canvas.RotateDegrees(-30, width / 2f, height / 2f);
        var row = 0;
        for (var y = height / 2f - reach; y <= height / 2f + reach; y += stepY, row++)
        {
            // Alternate rows are shifted by half a tile so that no column of the image stays unmarked.
            var offset = row % 2 == 0 ? 0 : stepX / 2;
            for (var x = width / 2f - reach - offset; x <= width / 2f + reach; x += stepX)
            {
                // Dark and light copies, a pixel apart: readable on bright and on dark parts of the picture.
                canvas.DrawText(mark, x + 1, y + 1, SKTextAlign.Left, font, light);
                canvas.DrawText(mark, x, y, SKTextAlign.Left, font, dark);
            }
        }
        canvas.Restore();
    }

    private static void DrawStrip(SKCanvas canvas, int width, int height, string mark, SKTypeface typeface)
    {
        var size = Math.Max(10f, height / 40f);
        using var font = new SKFont(typeface, size);
        var measured = font.MeasureText(mark);
        var available = width - size;
        if (measured > available && measured > 0)
        {
            size = Math.Max(6f, size * available / measured);
            font.Size = size;
        }
        var strip = Math.Min(height, size * 1.8f);
        using var background = new SKPaint { Color = new SKColor(0, 0, 0, 255) };
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawRect(0, height - strip, width, strip, background);
        canvas.DrawText(mark, width / 2f, height - strip / 2 + size / 3, SKTextAlign.Center, font, text);
    }
}
