using System.Linq.Expressions;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Investigation;

/// <summary>What a relation to a criminal file lets its holder do.</summary>
public sealed record FileRights(IReadOnlySet<Relation> Through)
{
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
    public string Relation => (Keeps ? Platform.Access.Relation.Investigator : Supervises ? Platform.Access.Relation.SquadSupervisor
        : Prosecutes ? Platform.Access.Relation.Prosecutor : Platform.Access.Relation.Court).ToString();

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

/// <summary>
/// The one predicate for criminal files: "the files visible to this viewer now". A file is visible through a
/// <see cref="FileGrant"/> in force, to the user or to their institution in a relation their roles can hold — the same
/// two expressions as the platform's case predicate (<see cref="CaseAccess.InForce"/>, <see cref="CaseAccess.HeldBy"/>),
/// applied to files. Lists, the graph, searches, exports, the API and downloads all start from <see cref="VisibleFileIds"/>
/// or <see cref="RightsAsync"/>.
/// </summary>
public sealed class FileAccess(AriadneDbContext db, TimeProvider time)
{
    public static Expression<Func<FileGrant, bool>> InForce(DateTimeOffset now) =>
        g => g.RevokedAt == null && g.ValidFrom <= now && (g.ValidUntil == null || g.ValidUntil > now);

    public static Expression<Func<FileGrant, bool>> HeldBy(Viewer v)
    {
        var relations = v.InstitutionRelations.Where(IsFileRelation).ToList();
        return g => g.GranteeUserId == v.UserId || (g.GranteeInstitutionId == v.InstitutionId && relations.Contains(g.Relation));
    }

    /// <summary>The relations a criminal file knows.</summary>
    public static bool IsFileRelation(Relation r) => r is Relation.Investigator or Relation.SquadSupervisor or Relation.Prosecutor or Relation.Court;

    public IQueryable<FileGrant> ActiveGrants(Viewer v) => db.FileGrants.Where(InForce(time.GetUtcNow())).Where(HeldBy(v));

    public IQueryable<Guid> VisibleFileIds(Viewer v) => ActiveGrants(v).Select(g => g.FileId).Distinct();

    /// <summary>What the viewer's grants open on this file; null when it is not visible.</summary>
    public async Task<FileRights?> RightsAsync(Viewer v, Guid fileId, CancellationToken ct = default)
    {
        var relations = await ActiveGrants(v).Where(g => g.FileId == fileId).Select(g => g.Relation).Distinct().ToListAsync(ct);
        // A user grant names a relation the user's roles may not hold (a grant to a person): it still counts, as for cases.
        return relations.Count == 0 ? null : new FileRights(relations.ToHashSet());
    }
}
