namespace Ariadne.Web.Features.Referrals;

/// <summary>What the referrer submitted, in clear. Serialized as JSON and encrypted as one field.</summary>
public sealed record ReferralContent
{
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? Patronymic { get; init; }
    public string? DateOfBirth { get; init; }
    public string? Sex { get; init; }
    public string? Citizenship { get; init; }
    public string? Languages { get; init; }
    public string? DocumentNumber { get; init; }
    public string? Phone { get; init; }
    public string? Whereabouts { get; init; }
    public string? Danger { get; init; }
    public IReadOnlyList<string> Indicators { get; init; } = [];
    public IReadOnlyList<string> Exploitation { get; init; } = [];
    public string? Observations { get; init; }
    public string? ConsentNote { get; init; }
}
