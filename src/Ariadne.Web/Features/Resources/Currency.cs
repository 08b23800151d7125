namespace Ariadne.Web.Features.Resources;

/// <summary>The currencies amounts are recorded in (ISO 4217).</summary>
public enum Currency
{
    AZN = 1,
    USD = 2,
    EUR = 3,
}
