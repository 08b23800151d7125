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
