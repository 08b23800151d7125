namespace Ariadne.Web.Platform.Access;

/// <summary>What a viewer may do with one case now, and through what.</summary>
public sealed record CaseRights(DataClass Read, DataClass Write, IReadOnlySet<Relation> Relations, CaseRightsSource Source = CaseRightsSource.Grants)
{
    public bool CanRead(DataClass dataClass) => (Read & dataClass) == dataClass;
    public bool CanWrite(DataClass dataClass) => (Write & dataClass) == dataClass;
    public bool IsBreakGlass => Source == CaseRightsSource.BreakGlass;
    public bool IsDispatch => Source == CaseRightsSource.Dispatch;

    /// <summary>
    /// What the rights come through, as the audit trail's Relation records it: the relations held, comma-separated in
    /// ordinal order ("Investigator,Shelter"), "break-glass", or "referral.dispatch".
    /// </summary>
    public string Through => Source switch
    {
        CaseRightsSource.BreakGlass => "break-glass",
        CaseRightsSource.Dispatch => "referral.dispatch",
        _ => string.Join(',', Relations.Select(r => r.ToString()).Order(StringComparer.Ordinal)),
    };

    /// <summary>The union of what the viewer's grants open, through the relations they hold.</summary>
    public static CaseRights ForGrants(DataClass read, DataClass write, IEnumerable<Relation> relations) =>
        new(read, write, relations.ToHashSet());

    /// <summary>The duty desk opening a case from a referral and handing it to an investigator: it sees what it dispatched, no grant of its own.</summary>
    public static CaseRights ForDispatch(DataClass read, DataClass write) => new(read, write, new HashSet<Relation>(), CaseRightsSource.Dispatch);

    /// <summary>Break-glass: read-only, everything but contact and location.</summary>
    public static CaseRights BreakGlass { get; } =
        new(DataClass.All & ~DataClass.ContactLocation, DataClass.None, new HashSet<Relation>(), CaseRightsSource.BreakGlass);
}
