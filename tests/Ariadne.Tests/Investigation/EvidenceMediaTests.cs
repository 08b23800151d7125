using System.IO.Compression;
using System.Text;
using Ariadne.Web.Features.Investigation;
using PdfSharp.Drawing;
using SkiaSharp;
using PigDocument = UglyToad.PdfPig.PdfDocument;
using SharpDocument = PdfSharp.Pdf.PdfDocument;

namespace Ariadne.Tests.Investigation;

/// <summary>
/// The evidence locker's intake check (type recognised from the bytes, active content and dangerous names refused)
/// and the watermark every downloaded copy carries.
/// </summary>
public sealed class EvidenceMediaTests
{
    private const long Max = 10 * 1024 * 1024;

    private const string Mark = "Downloaded by Aysel Məmmədova (Prosecutor General's Office, Прокуратура) 2026-12-03 20:15 UTC · download 0193ab12";

    // ---- sample files ----

    private static byte[] Pdf(int pages)
    {
        using var document = new SharpDocument();
        for (var i = 0; i < pages; i++)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            graphics.DrawRectangle(XPens.Black, 50 + (i * 10), 50, 100, 100);
        }
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static byte[] Image(SKEncodedImageFormat format, int width = 400, int height = 300)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.White);
        using var data = bitmap.Encode(format, 95);
        return data.ToArray();
    }

    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(p => p switch
        {
            string s => Encoding.Latin1.GetBytes(s),
            byte[] b => b,
            int n => [(byte)n],
            _ => throw new ArgumentException("unsupported part"),
        }).ToArray();

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return stream.ToArray();
    }

    private static readonly byte[] Text = Encoding.UTF8.GetBytes("Şahid ifadəsi: 2026-11-02 saat 14:00. Свидетель подтвердил.\n");

    // ---- intake: accepted types ----

    public static TheoryData<string, byte[], string, string> AcceptedFiles() => new()
    {
        { "scan.pdf", Pdf(1), "application/pdf", ".pdf" },
        { "photo.jpg", Image(SKEncodedImageFormat.Jpeg), "image/jpeg", ".jpg" },
        { "photo.png", Image(SKEncodedImageFormat.Png), "image/png", ".png" },
        { "anim.gif", Bytes("GIF89a", 1, 0, 1, 0, 0, 0, 0, ";"), "image/gif", ".gif" },
        { "photo.webp", Bytes("RIFF", 26, 0, 0, 0, "WEBPVP8 ", 14, 0, 0, 0), "image/webp", ".webp" },
        { "scan.tif", Bytes("II*", 0, 8, 0, 0, 0, 0, 0), "image/tiff", ".tif" },
        { "scan-mm.tiff", Bytes("MM", 0, "*", 0, 0, 0, 8), "image/tiff", ".tif" },
        { "video.mp4", Bytes(0, 0, 0, 24, "ftypisom", 0, 0, 2, 0, "isomiso2"), "video/mp4", ".mp4" },
        { "video.mov", Bytes(0, 0, 0, 20, "ftypqt  ", 0, 0, 2, 0, "qt  "), "video/quicktime", ".mov" },
        { "call.mp3", Bytes("ID3", 3, 0, 0, 0, 0, 0, 10, 0, 0), "audio/mpeg", ".mp3" },
        { "call-raw.mp3", Bytes(0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0), "audio/mpeg", ".mp3" },
        { "call.wav", Bytes("RIFF", 36, 0, 0, 0, "WAVEfmt ", 16, 0, 0, 0), "audio/wav", ".wav" },
        { "voice.ogg", Bytes("OggS", 0, 2, 0, 0, 0, 0), "audio/ogg", ".ogg" },
        { "letter.docx", Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx" },
        { "ledger.xlsx", Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx" },
        { "letter.odt", Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>")), "application/vnd.oasis.opendocument.text", ".odt" },
        { "photos.zip", Zip(("a.txt", "a"), ("b.txt", "b")), "application/zip", ".zip" },
        { "statement.txt", Text, "text/plain", ".txt" },
        { "with-bom.txt", [0xEF, 0xBB, 0xBF, .. Text], "text/plain", ".txt" },
        { "mail.eml", Encoding.UTF8.GetBytes("From: a@example.az\r\nTo: b@example.az\r\nSubject: iş\r\n\r\nSalam"), "message/rfc822", ".eml" },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Each_accepted_type_is_recognised_by_its_bytes(string name, byte[] content, string type, string extension)
    {
        var check = EvidenceFiles.Check(name, null, content, Max);
        Assert.True(check.Ok, check.ErrorKey);
        Assert.Equal(type, check.ContentType);
        Assert.Equal(extension, check.Extension);
        // The name and the declared type play no part: the same bytes under a misleading name are the same type.
        var renamed = EvidenceFiles.Check("file.dat", "application/octet-stream", content, Max);
        Assert.Equal(type, renamed.ContentType);
    }

    // ---- intake: refused content ----

    public static TheoryData<string, byte[]> ActiveFiles() => new()
    {
        { "page.txt", Encoding.UTF8.GetBytes("<!DOCTYPE html><p>hi</p>") },
        { "page.txt", Encoding.UTF8.GetBytes("<html><body>hi</body></html>") },
        { "page.txt", Encoding.UTF8.GetBytes("\uFEFF  \r\n\t <SCRIPT>alert(1)</SCRIPT>") },
        { "page.txt", Encoding.UTF8.GetBytes("  \n <!doctype HTML>") },
        { "notes.txt", Encoding.UTF8.GetBytes("ordinary words and then <script src=//x></script>") },
        { "image.txt", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>") },
        { "image.txt", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>") },
        { "data.txt", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><root><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">a()</x:script></root>") },
        { "run.txt", Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /\n") },
        { "app.pdf", Bytes("MZ", 0x90, 0, 3, 0, 0, 0, 4, 0) },
        { "app.pdf", Bytes(0x7F, "ELF", 2, 1, 1, 0) },
        { "app.pdf", Bytes(0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1) },
        { "app.pdf", Bytes(0xFE, 0xED, 0xFA, 0xCF, 0, 0, 0, 7) },
        { "macro.docx", Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "x")) },
        { "script.js", Encoding.UTF8.GetBytes("fetch('/steal?c=' + document.cookie)") },
        { "page.html", Encoding.UTF8.GetBytes("just words") },
    };

    [Theory]
    [MemberData(nameof(ActiveFiles))]
    public void Active_content_is_refused(string name, byte[] content) =>
        Assert.Equal(EvidenceFiles.FileActive, EvidenceFiles.Check(name, null, content, Max).ErrorKey);

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/svg+xml")]
    [InlineData("application/javascript")]
    public void A_file_declared_as_active_content_is_refused(string declared) =>
        Assert.Equal(EvidenceFiles.FileActive, EvidenceFiles.Check("notes.txt", declared, Text, Max).ErrorKey);

    [Fact]
    public void Unknown_binary_and_invalid_utf8_are_refused_as_unknown_types()
    {
        Assert.Equal(EvidenceFiles.FileType, EvidenceFiles.Check("x.bin", null, Bytes(0, 1, 2, 3, 4), Max).ErrorKey);
        Assert.Equal(EvidenceFiles.FileType, EvidenceFiles.Check("x.txt", null, Bytes("abc", 0xC3, 0x28), Max).ErrorKey);
        Assert.Equal(EvidenceFiles.FileType, EvidenceFiles.Check("x.zip", null, Bytes("PK", 3, 4, "broken"), Max).ErrorKey);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/jpeg")]
    [InlineData("text/plain")]
    [InlineData("video/mp4")]
    public void A_declared_type_that_contradicts_the_content_is_refused(string declared) =>
        Assert.Equal(EvidenceFiles.FileTypeMismatch, EvidenceFiles.Check("scan.pdf", declared, Pdf(1), Max).ErrorKey);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("application/octet-stream")]
    [InlineData("application/pdf")]
    [InlineData("Application/PDF; name=scan.pdf")]
    [InlineData("application/x-pdf")]
    public void A_missing_generic_or_matching_declared_type_is_fine(string? declared) =>
        Assert.True(EvidenceFiles.Check("scan.pdf", declared, Pdf(1), Max).Ok);

    [Fact]
    public void Common_aliases_of_a_declared_type_are_not_contradictions()
    {
        Assert.True(EvidenceFiles.Check("a.jpg", "image/jpg", Image(SKEncodedImageFormat.Jpeg), Max).Ok);
        Assert.True(EvidenceFiles.Check("a.csv", "text/csv", Text, Max).Ok);
        Assert.True(EvidenceFiles.Check("a.txt", "text/plain; charset=utf-8", Text, Max).Ok);
        Assert.Equal(EvidenceFiles.FileTypeMismatch, EvidenceFiles.Check("a.png", "image/png", Image(SKEncodedImageFormat.Jpeg), Max).ErrorKey);
    }

    [Fact]
    public void Size_limits_empty_and_oversized()
    {
        Assert.Equal(EvidenceFiles.FileEmpty, EvidenceFiles.Check("a.txt", null, ReadOnlySpan<byte>.Empty, Max).ErrorKey);
        Assert.Equal(EvidenceFiles.FileTooLarge, EvidenceFiles.Check("a.txt", null, new byte[11], 10).ErrorKey);
        Assert.True(EvidenceFiles.Check("a.txt", null, "0123456789"u8, 10).Ok);
        Assert.Equal(EvidenceFiles.FileTooLarge, EvidenceFiles.Check("a.txt", null, "0123456789A"u8, 10).ErrorKey);
    }

    // ---- intake: names ----

    public static TheoryData<string> BadNames() => new()
    {
        "", "   ", new string('a', 197) + ".pdf", "../scan.pdf", "dir/scan.pdf", "dir\\scan.pdf", "C:scan.pdf",
        "scan..pdf", "scan\u0001.pdf", "scan\n.pdf", "scan\t.pdf", "invoice\u202Efdp.exe", "scan\u202A.pdf", "scan\u2066.pdf",
        "scan\u2069.pdf", "CON", "con.pdf", "Nul.txt", "COM1.pdf", "lpt9.pdf", "AUX .pdf", "scan.pdf.", "scan.pdf ",
        "invoice.pdf.exe", "photo.jpg.js", "scan.png.scr", "letter.docx.bat", "photo.jpeg.HTA", "scan\ud800.pdf",
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void Bad_names_are_refused(string name) =>
        Assert.Equal(EvidenceFiles.FileName, EvidenceFiles.Check(name, null, Pdf(1), Max).ErrorKey);

    [Fact]
    public void A_missing_name_is_refused() =>
        Assert.Equal(EvidenceFiles.FileName, EvidenceFiles.Check(null, null, Pdf(1), Max).ErrorKey);

    [Theory]
    [InlineData("Şəkil_Фото.jpg", "Şəkil_Фото.jpg")]
    [InlineData("Протокол допроса (2).jpeg", "Протокол допроса (2).jpg")]
    [InlineData("çəkiliş.JPG", "çəkiliş.jpg")]
    [InlineData("s\u0327əkil.jpg", "şəkil.jpg")]
    [InlineData("photo", "photo.jpg")]
    [InlineData("photo.png", "photo.jpg")]
    [InlineData("report.v2.jpg", "report_v2.jpg")]
    [InlineData("console.jpg", "console.jpg")]
    [InlineData("a;b=c\"d'.jpg", "a_b_c_d'.jpg")]
    public void The_safe_name_keeps_letters_and_takes_the_canonical_extension(string name, string expected)
    {
        var check = EvidenceFiles.Check(name, null, Image(SKEncodedImageFormat.Jpeg), Max);
        Assert.True(check.Ok, check.ErrorKey);
        Assert.Equal(expected, check.SafeName);
    }

    [Fact]
    public void A_name_of_exactly_200_characters_is_accepted()
    {
        var check = EvidenceFiles.Check(new string('ə', 196) + ".pdf", null, Pdf(1), Max);
        Assert.True(check.Ok, check.ErrorKey);
        Assert.EndsWith(".pdf", check.SafeName, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_key_that_can_be_returned_is_listed_and_evidence_is_never_inline()
    {
        string[] returned =
        [
            EvidenceFiles.Check("a.txt", null, ReadOnlySpan<byte>.Empty, Max).ErrorKey!,
            EvidenceFiles.Check("a.txt", null, new byte[11], 10).ErrorKey!,
            EvidenceFiles.Check("a.bin", null, Bytes(0, 1), Max).ErrorKey!,
            EvidenceFiles.Check("a.txt", null, "<html>"u8, Max).ErrorKey!,
            EvidenceFiles.Check("CON", null, Text, Max).ErrorKey!,
            EvidenceFiles.Check("a.png", "image/png", Text, Max).ErrorKey!,
        ];
        Assert.Equal(EvidenceFiles.ErrorKeys.Order(StringComparer.Ordinal), returned.Order(StringComparer.Ordinal));
        Assert.All(EvidenceFiles.ErrorKeys, k => Assert.StartsWith("Evidence_", k, StringComparison.Ordinal));
        Assert.False(EvidenceFiles.ServeInline("application/pdf"));
        Assert.False(EvidenceFiles.ServeInline("image/png"));
        Assert.False(EvidenceFiles.ServeInline("text/plain"));
    }

    // ---- watermark: PDF ----

    private static string Squash(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Fact]
    public void A_pdf_carries_the_watermark_visibly_on_every_page_and_in_its_metadata()
    {
        var original = Pdf(3);
        var result = EvidenceWatermark.Apply(original, "application/pdf", "Протокол.pdf", Mark);

        Assert.True(result.Visible);
        Assert.Equal("application/pdf", result.ContentType);
        Assert.Equal("Протокол.pdf", result.FileName);
        using var pdf = PigDocument.Open(result.Content);
        Assert.Equal(3, pdf.NumberOfPages);
        foreach (var page in pdf.GetPages())
        {
            Assert.Contains(Squash(Mark), Squash(page.Text), StringComparison.Ordinal);
            // Twice (the footer line and the diagonal), and on the page, not drawn outside its edges.
            Assert.Equal(2 * Squash(Mark).Length, page.Letters.Count(l => !string.IsNullOrWhiteSpace(l.Value)));
            Assert.All(page.Letters, l =>
            {
                Assert.InRange(l.BoundingBox.Centroid.X, 0, page.Width);
                Assert.InRange(l.BoundingBox.Centroid.Y, 0, page.Height);
            });
            Assert.Contains(page.Letters, l => l.BoundingBox.Centroid.Y < 20); // the footer
        }
        Assert.Equal(Mark, pdf.Information.Subject);
        Assert.Equal(Mark, pdf.Information.Keywords);
    }

    [Fact]
    public void Landscape_and_rotated_pages_carry_the_watermark_on_the_page()
    {
        byte[] original;
        using (var document = new SharpDocument())
        {
            document.AddPage().Orientation = PdfSharp.PageOrientation.Landscape;
            document.AddPage().Rotate = 90;
            document.AddPage().Rotate = 180;
            document.AddPage().Rotate = 270;
            var small = document.AddPage();
            small.Width = PdfSharp.Drawing.XUnit.FromPoint(200);
            small.Height = PdfSharp.Drawing.XUnit.FromPoint(120);
            var cropped = document.AddPage();
            cropped.CropBox = new PdfSharp.Pdf.PdfRectangle(new XPoint(100, 200), new XPoint(400, 500));
            using var stream = new MemoryStream();
            document.Save(stream, closeStream: false);
            original = stream.ToArray();
        }
        var result = EvidenceWatermark.Apply(original, "application/pdf", "scan.pdf", Mark);

        Assert.True(result.Visible);
        using var pdf = PigDocument.Open(result.Content);
        foreach (var page in pdf.GetPages())
        {
            Assert.Contains(Squash(Mark), Squash(page.Text), StringComparison.Ordinal);
            // PdfPig gives letter positions as a reader shows the page: rotation applied and (0, 0) at the bottom left
            // of the crop box, so the visible page is 0 … Width × 0 … Height, and the footer is at its bottom.
            Assert.All(page.Letters, l =>
            {
                Assert.InRange(l.BoundingBox.Centroid.X, 0, page.Width);
                Assert.InRange(l.BoundingBox.Centroid.Y, 0, page.Height);
            });
            Assert.Contains(page.Letters, l => l.BoundingBox.Centroid.Y < 20);
            Assert.Equal(2 * Squash(Mark).Length, page.Letters.Count(l => !string.IsNullOrWhiteSpace(l.Value)));
        }
    }

    [Fact]
    public void A_broken_pdf_is_delivered_unchanged_inside_the_watermarked_zip()
    {
        var broken = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer garbage");
        var result = EvidenceWatermark.Apply(broken, "application/pdf", "scan.pdf", Mark);

        Assert.False(result.Visible);
        AssertZipWithOriginal(result, "scan.pdf", broken);
    }

    [Fact]
    public void An_encrypted_pdf_is_delivered_unchanged_inside_the_watermarked_zip()
    {
        byte[] encrypted;
        using (var document = new SharpDocument())
        {
            document.AddPage();
            document.SecuritySettings.UserPassword = "user-secret";
            document.SecuritySettings.OwnerPassword = "owner-secret";
            using var stream = new MemoryStream();
            document.Save(stream, closeStream: false);
            encrypted = stream.ToArray();
        }
        var result = EvidenceWatermark.Apply(encrypted, "application/pdf", "sealed.pdf", Mark);

        Assert.False(result.Visible);
        AssertZipWithOriginal(result, "sealed.pdf", encrypted);
    }

    // ---- watermark: images ----

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    public void An_image_is_re_encoded_in_its_format_with_the_watermark_drawn_over_it(SKEncodedImageFormat format, string type)
    {
        var original = Image(format);
        var result = EvidenceWatermark.Apply(original, type, "Şəkil.img", Mark);

        Assert.True(result.Visible);
        Assert.Equal(type, result.ContentType);
        Assert.Equal("Şəkil.img", result.FileName);
        using var codec = SKCodec.Create(new MemoryStream(result.Content));
        Assert.NotNull(codec);
        Assert.Equal(format, codec.EncodedFormat);
        using var bitmap = SKBitmap.Decode(codec);
        Assert.Equal((400, 300), (bitmap.Width, bitmap.Height));

        // The tiled area (everything above the bottom strip) is no longer plain white, all over the picture.
        static int Marked(SKBitmap b, int x0, int y0, int x1, int y1)
        {
            var count = 0;
            for (var y = y0; y < y1; y++)
            {
                for (var x = x0; x < x1; x++)
                {
                    var p = b.GetPixel(x, y);
                    if (p.Red < 235 || p.Green < 235 || p.Blue < 235)
                        count++;
                }
            }
            return count;
        }
        Assert.True(Marked(bitmap, 0, 0, 200, 130) > 200, "top left quarter unmarked");
        Assert.True(Marked(bitmap, 200, 0, 400, 130) > 200, "top right quarter unmarked");
        Assert.True(Marked(bitmap, 0, 130, 200, 260) > 200, "bottom left quarter unmarked");
        Assert.True(Marked(bitmap, 200, 130, 400, 260) > 200, "bottom right quarter unmarked");
        // The solid strip at the bottom: mostly dark.
        Assert.True(Marked(bitmap, 0, 296, 400, 300) > 1200, "no strip at the bottom");
    }

    [Fact]
    public void A_photo_turned_by_its_exif_orientation_is_delivered_as_it_is_meant_to_be_seen()
    {
        // 400 × 200, red on the left and blue on the right, with EXIF orientation 6 ("rotate 90° clockwise"):
        // a viewer shows it 200 × 400, red at the top. Re-encoding drops the EXIF, so the pixels must be turned.
        using var bitmap = new SKBitmap(400, 200);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, 200, 200, red);
        }
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        var plain = encoded.ToArray();
        byte[] exif = [0xFF, 0xE1, 0, 34, .. "Exif\0\0"u8, .. "MM\0*"u8, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
        byte[] turned = [.. plain.AsSpan(0, 2), .. exif, .. plain.AsSpan(2)];

        var result = EvidenceWatermark.Apply(turned, "image/jpeg", "photo.jpg", Mark);

        Assert.True(result.Visible);
        using var output = SKBitmap.Decode(result.Content);
        Assert.Equal((200, 400), (output.Width, output.Height));
        var top = output.GetPixel(100, 40);
        var lower = output.GetPixel(100, 300);
        Assert.True(top.Red > top.Blue, "the red half is not at the top");
        Assert.True(lower.Blue > lower.Red, "the blue half is not below");
    }

    [Fact]
    public void A_decompression_bomb_is_not_decoded_but_delivered_in_the_zip()
    {
        // 10,000 × 5,000 pixels (50 megapixels, about 200 MB decoded) in a file of a few kilobytes. The same file at
        // 6,000 × 5,000 decodes and is watermarked, so what stops the bomb is the header check, not a bad file.
        var bomb = OneBitPng(10_000, 5_000);
        Assert.True(bomb.Length < 100_000);
        var result = EvidenceWatermark.Apply(bomb, "image/png", "bomb.png", Mark);
        Assert.False(result.Visible);
        AssertZipWithOriginal(result, "bomb.png", bomb);

        var large = EvidenceWatermark.Apply(OneBitPng(6_000, 5_000), "image/png", "large.png", Mark);
        Assert.True(large.Visible);
    }

    /// <summary>A white one-bit PNG of that size, with <paramref name="extra"/> chunks (such as tEXt) after its header.</summary>
    internal static byte[] OneBitPng(int width, int height, params (string Type, byte[] Data)[] extra)
    {
        var row = new byte[1 + ((width + 7) / 8)];
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
                zlib.Write(row);
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bit depth 1, colour type 0 (greyscale), deflate, adaptive filter, no interlace
        Chunk(png, "IHDR", header);
        foreach (var (type, data) in extra)
            Chunk(png, type, data);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();

        static void Chunk(Stream stream, string type, byte[] data)
        {
            var length = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            stream.Write(length);
            byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
            stream.Write(typed);
            var crc = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
            stream.Write(crc);
        }
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    // ---- watermark: every other type ----

    public static TheoryData<string, string, byte[]> OtherFiles() => new()
    {
        { "text/plain", "ifadə.txt", Text },
        { "audio/mpeg", "zəng.mp3", Bytes("ID3", 3, 0, 0, 0, 0, 0, 10, 0, 0, 0xFF, 0xFB, 0x90, 0x64) },
        { "video/mp4", "video.mp4", Bytes(0, 0, 0, 24, "ftypisom", 0, 0, 2, 0, "isomiso2") },
        { "image/gif", "anim.gif", Bytes("GIF89a", 1, 0, 1, 0, 0, 0, 0, ";") },
        { "application/zip", "photos.zip", Zip(("a.txt", "a")) },
        { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "letter.docx", Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")) },
    };

    [Theory]
    [MemberData(nameof(OtherFiles))]
    public void Other_types_are_delivered_unchanged_in_a_zip_with_the_watermark(string type, string name, byte[] content)
    {
        var result = EvidenceWatermark.Apply(content, type, name, Mark);
        Assert.False(result.Visible);
        AssertZipWithOriginal(result, name, content);
    }

    [Fact]
    public void A_watermark_is_one_line_and_an_original_named_like_the_note_is_kept_apart()
    {
        var result = EvidenceWatermark.Apply(Text, "text/plain", "WATERMARK.txt", "line one\nline\u202E two");
        using var archive = new ZipArchive(new MemoryStream(result.Content), ZipArchiveMode.Read, leaveOpen: false, Encoding.UTF8);
        Assert.Equal("line one line two", archive.Comment);
        Assert.Equal(2, archive.Entries.Count);
        Assert.Equal(Text, ReadEntry(archive, "original_WATERMARK.txt"));
    }

    private static void AssertZipWithOriginal(WatermarkedFile result, string name, byte[] original)
    {
        Assert.Equal("application/zip", result.ContentType);
        Assert.Equal(name + ".zip", result.FileName);
        using var archive = new ZipArchive(new MemoryStream(result.Content), ZipArchiveMode.Read, leaveOpen: false, Encoding.UTF8);
        Assert.Equal(Mark, archive.Comment);
        Assert.Equal(2, archive.Entries.Count);
        Assert.Equal(original, ReadEntry(archive, name));
        Assert.Equal(Mark + "\n", Encoding.UTF8.GetString(ReadEntry(archive, EvidenceWatermark.WatermarkEntryName)));
    }

    private static byte[] ReadEntry(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name);
        Assert.NotNull(entry);
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
