namespace Ariadne.Web.Features.Reintegration;

/// <summary>Indicators of re-trafficking risk (one flag may carry several).</summary>
[Flags]
public enum RetraffickingIndicator
{
    None = 0,
    RecruiterContact = 1,
    Debt = 2,
    SamePlaceOrEmployer = 4,
    NoIncome = 8,
    FamilyComplicity = 16,
    Threats = 32,
    Other = 64,
}
