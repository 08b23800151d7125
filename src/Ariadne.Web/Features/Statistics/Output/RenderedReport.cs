namespace Ariadne.Web.Features.Statistics.Output;

/// <summary>A rendered annual report: the PDF's bytes, its number of pages and of tables.</summary>
public sealed record RenderedReport(byte[] Pdf, int Pages, int Tables);
