namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// What an import did: its data rows, those taken in and those rejected (their sum is the data rows, less those already
/// known from an earlier import), the odd values by line, and whether the whole file was known already or refused.
/// </summary>
public sealed record ImportResult(int DataRows, int Imported, int Rejected, int AlreadyKnown, IReadOnlyList<Problem> Problems, bool Duplicate, bool Refused)
{
    /// <summary>The verb's last line.</summary>
    public string Summary => $"imported {Imported}, rejected {Rejected}";
}
