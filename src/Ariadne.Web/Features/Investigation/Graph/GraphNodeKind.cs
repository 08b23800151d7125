namespace Ariadne.Web.Features.Investigation;

/// <summary>What a node of a link chart stands for: an <see cref="EntityKind"/> (same numbers), or a file the entities belong to.</summary>
public enum GraphNodeKind
{
    Person = EntityKind.Person,
    Phone = EntityKind.Phone,
    Address = EntityKind.Address,
    Vehicle = EntityKind.Vehicle,
    Company = EntityKind.Company,
    BankAccount = EntityKind.BankAccount,
    Travel = EntityKind.Travel,
    Payment = EntityKind.Payment,
    CriminalFile = 9,
    ProtectionCase = 10,
}
