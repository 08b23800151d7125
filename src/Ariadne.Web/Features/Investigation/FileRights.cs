using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>What a relation to a criminal file lets its holder do.</summary>
public sealed record FileRights(IReadOnlySet<Relation> Through)
{
    /// <summary>The viewer sees the file through read-only grants alone (a granted connection request): they record nothing.</summary>
    public bool ReadsOnly { get; init; }

    public bool Any => Through.Count > 0;
    /// <summary>The Squad's investigators and its chief keep the file: parties, offences, entities, evidence intake.</summary>
    public bool Keeps => Through.Contains(Platform.Access.Relation.Investigator);
    public bool Supervises => Through.Contains(Platform.Access.Relation.SquadSupervisor);
    public bool Prosecutes => Through.Contains(Platform.Access.Relation.Prosecutor);
    public bool Judges => Through.Contains(Platform.Access.Relation.Court);
    /// <summary>Who may share the file with a prosecutor's office or a court: its keepers and the Squad's chief; a prosecutor sends it to court.</summary>
    public bool Shares => Keeps || Supervises || Prosecutes;
    /// <summary>Who records coercive measures: the investigator (who applies them), the prosecutor, the court (who orders them).</summary>
    public bool RecordsMeasures => Keeps || Prosecutes || Judges;
    /// <summary>Who records non-punishment decisions: the investigator, the prosecutor and the court, each deciding at their stage.</summary>
    public bool RecordsNonPunishment => Keeps || Prosecutes || Judges;
    /// <summary>Who handles evidence (transfers, examinations, disclosure): everyone with a relation; intake is the keepers'.</summary>
    public bool HandlesEvidence => Any;

    /// <summary>The relation named in the audit: the strongest one held.</summary>
    public string Relation => Through.Count == 0 && ReadsOnly ? ConnectionReader
        : (Keeps ? Platform.Access.Relation.Investigator : Supervises ? Platform.Access.Relation.SquadSupervisor
        : Prosecutes ? Platform.Access.Relation.Prosecutor : Platform.Access.Relation.Court).ToString();

    /// <summary>The relation named for a reader through a granted connection request.</summary>
    public const string ConnectionReader = "ConnectionReader";

    /// <summary>Who records each stage: the investigation's steps are the Squad's, the indictment and the appeal the prosecutor's, hearings and the verdict the court's.</summary>
    public bool MayRecord(FileStage stage) => stage switch
    {
        FileStage.OperationalInvestigation or FileStage.CriminalCaseOpened or FileStage.Charged => Keeps,
        FileStage.IndictmentToCourt => Prosecutes,
        FileStage.Hearings or FileStage.Verdict => Judges,
        FileStage.Appeal => Prosecutes || Judges,
        FileStage.Closed => Keeps || Prosecutes || Judges,
        _ => false,
    };
}
