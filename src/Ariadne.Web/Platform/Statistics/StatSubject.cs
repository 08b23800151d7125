namespace Ariadne.Web.Platform.Statistics;

/// <summary>What one statistical fact counts. Each module that has figures contributes the facts of its subjects (<see cref="IStatisticsSource"/>).</summary>
public enum StatSubject
{
    /// <summary>A person (presumed, referred or identified victim), one fact per person across institutions (from the privacy-preserving linkage).</summary>
    Victim = 1,
    /// <summary>A referral to the Squad: its source, its time to acknowledge and to decide.</summary>
    Referral = 2,
    /// <summary>A stay in a shelter and the services given.</summary>
    Placement = 3,
    /// <summary>A helpline contact.</summary>
    HelplineContact = 4,
    /// <summary>A criminal file (investigation) by its stage.</summary>
    CriminalFile = 5,
    /// <summary>A suspect in a criminal file: prosecuted, convicted, sentenced.</summary>
    Suspect = 6,
    /// <summary>A victim not punished for an offence they were compelled to commit.</summary>
    NonPunishment = 7,
    /// <summary>A claim for compensation.</summary>
    Compensation = 8,
    /// <summary>A training certificate.</summary>
    Training = 9,
    /// <summary>A resource flow (pledged or spent).</summary>
    ResourceFlow = 10,
    /// <summary>A service planned or given to a person (a goal of their service plan).</summary>
    Service = 11,
}
