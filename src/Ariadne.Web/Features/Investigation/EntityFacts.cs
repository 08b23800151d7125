namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// An entity as the link analysis, the export and entity resolution see it, after need-to-know has decided
/// that the viewer may see it. <see cref="Value"/> is the main value (a person's or company's name, a phone
/// number, an address line, a plate, an IBAN or account number, a route "Baku → Dubai", an amount "1500 EUR");
/// <see cref="Detail"/> the secondary one (a person's date of birth yyyy-MM-dd, a company's registration
/// number, a vehicle's make, an account's bank, a travel's or payment's date yyyy-MM-dd).
/// </summary>
public sealed record EntityFacts(
    Guid Id, EntityKind Kind, string Value, string? Detail, string? Country,
    DateOnly? ValidFrom, DateOnly? ValidUntil, string Source, string Reliability, string Handling, Guid FileId);
