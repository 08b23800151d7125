namespace Ariadne.Web.Platform.Statistics;

/// <summary>A column of <see cref="StatFact"/> a table is broken down by.</summary>
public enum StatDimension
{
    /// <summary>No breakdown: one row or column, the total.</summary>
    None = 0,
    Sex = 1,
    AgeBand = 2,
    Citizenship = 3,
    Exploitation = 4,
    /// <summary>Country of exploitation (or of destination).</summary>
    Country = 5,
    Region = 6,
    Stage = 7,
    Category = 8,
    Year = 9,
    InstitutionKind = 10,
}
