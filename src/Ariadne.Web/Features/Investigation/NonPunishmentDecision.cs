namespace Ariadne.Web.Features.Investigation;

public enum NonPunishmentDecision
{
    /// <summary>Under consideration.</summary>
    Pending = 1,
    /// <summary>Not prosecuted: compelled by the trafficking.</summary>
    NotProsecuted = 2,
    /// <summary>Proceedings discontinued.</summary>
    Discontinued = 3,
    /// <summary>Acquitted or released from liability by a court.</summary>
    ReleasedByCourt = 4,
    /// <summary>The principle was found not to apply.</summary>
    NotApplied = 5,
}
