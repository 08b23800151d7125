namespace Ariadne.Web.Features.Investigation;

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
