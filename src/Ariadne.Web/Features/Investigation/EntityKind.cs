namespace Ariadne.Web.Features.Investigation;

/// <summary>What an entity of the link analysis is (issue 15 §3): the things an investigation connects.</summary>
public enum EntityKind
{
    Person = 1,
    Phone = 2,
    Address = 3,
    Vehicle = 4,
    Company = 5,
    BankAccount = 6,
    Travel = 7,
    Payment = 8,
}

/// <summary>How two entities are connected.</summary>
public enum LinkKind
{
    /// <summary>A person uses a phone, a vehicle or an account.</summary>
    Uses = 1,
    /// <summary>A person or company is at an address.</summary>
    LocatedAt = 2,
    /// <summary>A person or company owns a company, vehicle, account or address.</summary>
    Owns = 3,
    /// <summary>A person directs or controls a company.</summary>
    Directs = 4,
    /// <summary>A person or company employs a person.</summary>
    Employs = 5,
    /// <summary>The payer of a payment (from the payer to the payment).</summary>
    PaidBy = 6,
    /// <summary>The beneficiary of a payment (from the payment to the beneficiary).</summary>
    PaidTo = 7,
    /// <summary>A person on a journey (from the person to the travel).</summary>
    Travelled = 8,
    /// <summary>Two people known to act together.</summary>
    Associate = 9,
    /// <summary>Two people of one family.</summary>
    Family = 10,
    /// <summary>One phone called another.</summary>
    Called = 11,
}

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

/// <summary>A link between two entities of one file, as the viewer may see it.</summary>
public sealed record LinkFacts(
    Guid Id, Guid From, Guid To, LinkKind Kind,
    DateOnly? ValidFrom, DateOnly? ValidUntil, string Source, string Reliability, string Handling, Guid FileId);
