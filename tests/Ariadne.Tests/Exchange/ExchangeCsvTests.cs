using System.Text;
using Ariadne.Web.Features.Exchange;

namespace Ariadne.Tests.Exchange;

/// <summary>The exchange files' reader: BOM, CRLF, quoted fields, unclosed quotes, blank lines at the end.</summary>
public sealed class ExchangeCsvTests
{
    [Fact]
    public void Quoted_fields_keep_their_commas_and_quotes_and_an_unclosed_quote_is_refused()
    {
        Assert.Equal(["a", "b, c", "say \"hi\"", ""], ExchangeCsv.Split("a,\"b, c\",\"say \"\"hi\"\"\","));
        Assert.Null(ExchangeCsv.Split("a,\"b, c"));
        Assert.Equal([""], ExchangeCsv.Split(""));
        string?[] fields = ["x", "1,2", "q\"q", null];
        Assert.Equal(["x", "1,2", "q\"q", ""], ExchangeCsv.Split(ExchangeCsv.Join(fields)));
    }

    [Fact]
    public void A_BOM_and_CRLF_are_read_and_lines_are_numbered_from_the_header()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFFh1,h2\r\n1,2\r\n\r\n3,4\r\n\r\n");
        var parsed = ExchangeCsv.Read(bytes);
        Assert.Equal(["h1", "h2"], parsed.Header!);
        Assert.Equal([(2, "1,2"), (3, ""), (4, "3,4")], parsed.Rows);
        Assert.Equal(64, parsed.Sha256.Length);
        Assert.Null(ExchangeCsv.Read([]).Header);
        Assert.Empty(ExchangeCsv.Read(Encoding.UTF8.GetBytes("h1,h2\n")).Rows);
    }
}
