namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// One odd value of an imported file, by line and column (or field): never the value itself, so that a report names no
/// one whatever the file held. <see cref="Rejects"/> when the row was not taken in.
/// </summary>
public sealed record Problem(int Line, string? Column, string What, bool Rejects)
{
    public override string ToString() =>
        $"line {Line}{(Column is null ? "" : ", column " + Column)}: {What}{(Rejects ? "; row rejected" : "")}";
}
