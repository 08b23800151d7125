namespace Ariadne.Web.Features.Identification;

/// <summary>
/// The structured indicators used in screening. Codes are stable (stored); labels are resource keys
/// "Ilo_{code}" and "IloEc_{code}". The ILO–EC list is the adult labour-exploitation set of the 2009
/// ILO–European Commission Delphi survey (revised September 2009), grouped by dimension and graded.
/// </summary>
public static class Indicators
{
    /// <summary>The ILO's 11 indicators of forced labour (2012).</summary>
    public static IReadOnlyList<string> ForcedLabour { get; } =
    [
        "vulnerability", "deception", "movement", "isolation", "violence", "threats",
        "documents", "wages", "debt", "conditions", "overtime",
    ];

    private static OperationalIndicator S(string code, IndicatorDimension d) => new(code, d, IndicatorStrength.Strong);
    private static OperationalIndicator M(string code, IndicatorDimension d) => new(code, d, IndicatorStrength.Medium);
    private static OperationalIndicator W(string code, IndicatorDimension d) => new(code, d, IndicatorStrength.Weak);

    private const IndicatorDimension DR = IndicatorDimension.DeceptiveRecruitment, CR = IndicatorDimension.CoerciveRecruitment,
        VR = IndicatorDimension.VulnerabilityAtRecruitment, EX = IndicatorDimension.ExploitativeConditions,
        CD = IndicatorDimension.CoercionAtDestination, VD = IndicatorDimension.VulnerabilityAtDestination;

    public static IReadOnlyList<OperationalIndicator> Operational { get; } =
    [
        S("dr-job", DR),
        M("dr-conditions", DR), M("dr-contract", DR), M("dr-family", DR), M("dr-housing", DR), M("dr-papers", DR),
        M("dr-travel", DR), M("dr-wages", DR), M("dr-marriage", DR),
        W("dr-education", DR),

        S("cr-violence", CR),
        M("cr-abduction", CR), M("cr-documents", CR), M("cr-debt", CR), M("cr-isolation", CR), M("cr-denunciation", CR),
        M("cr-threat", CR), M("cr-exposure", CR), M("cr-family-violence", CR), M("cr-money", CR),

        M("vr-family", VR), M("vr-illegal", VR), M("vr-education", VR), M("vr-information", VR), M("vr-control", VR),
        M("vr-economic", VR), M("vr-law", VR), M("vr-migration", VR), M("vr-family-situation", VR), M("vr-personal", VR),
        M("vr-dependency", VR), M("vr-authorities", VR),
        W("vr-culture", VR), W("vr-past", VR), W("vr-communication", VR), W("vr-general", VR),

        S("ex-hours", EX),
        M("ex-living", EX), M("ex-hazardous", EX), M("ex-salary", EX), M("ex-labour-law", EX), M("ex-social", EX),
        M("ex-working", EX), M("ex-wage-manipulation", EX),
        W("ex-education", EX),

        S("cd-documents", CD), S("cd-debt", CD), S("cd-isolation", CD), S("cd-violence", CD),
        M("cd-illicit", CD), M("cd-tasks", CD), M("cd-peers", CD), M("cd-lie", CD), M("cd-denunciation", CD),
        M("cd-worse", CD), M("cd-threat", CD), M("cd-influence", CD), M("cd-family-violence", CD), M("cd-wages", CD),
        W("cd-exposure", CD),

        M("vd-dependency", VD), M("vd-unknown-area", VD), M("vd-economic", VD), M("vd-family", VD), M("vd-authorities", VD),
        W("vd-personal", VD), W("vd-communication", VD),
    ];

    private static readonly Dictionary<string, OperationalIndicator> ByCode = Operational.ToDictionary(i => i.Code, StringComparer.Ordinal);

    public static OperationalIndicator? Find(string code) => ByCode.GetValueOrDefault(code);

    public static bool IsForcedLabour(string code) => ForcedLabour.Contains(code, StringComparer.Ordinal);

    /// <summary>
    /// A dimension is present, as in the ILO–EC methodology, with at least two strong indicators, one
    /// strong and one medium or weak, three medium, or two medium and one weak.
    /// </summary>
    public static bool IsPresent(IEnumerable<OperationalIndicator> observed)
    {
        var list = observed.ToList();
        var strong = list.Count(i => i.Strength == IndicatorStrength.Strong);
        var medium = list.Count(i => i.Strength == IndicatorStrength.Medium);
        var weak = list.Count(i => i.Strength == IndicatorStrength.Weak);
        return strong >= 2 || (strong >= 1 && medium + weak >= 1) || medium >= 3 || (medium >= 2 && weak >= 1);
    }

    public sealed record Suggestion(IReadOnlyList<IndicatorDimension> Present, bool Recruitment, bool Exploitation, bool Means, bool SuggestsTrafficking);

    /// <summary>
    /// Which dimensions the observed indicators meet, and whether their combination suggests trafficking:
    /// a recruitment dimension (deceptive, coercive or by abuse of vulnerability), exploitative conditions,
    /// and coercion or abuse of vulnerability at destination. For a child the means do not matter
    /// (Palermo Protocol art. 3(c)): recruitment and exploitation suffice. A suggestion, never a decision.
    /// </summary>
    public static Suggestion Suggest(IEnumerable<string> codes, bool child)
    {
        var observed = codes.Select(Find).OfType<OperationalIndicator>().ToList();
        var present = Enum.GetValues<IndicatorDimension>().Where(d => IsPresent(observed.Where(i => i.Dimension == d))).ToList();
        var recruitment = present.Any(d => d is DR or CR or VR);
        var exploitation = present.Contains(EX);
        var means = present.Any(d => d is CD or VD);
        return new Suggestion(present, recruitment, exploitation, means, recruitment && exploitation && (means || child));
    }
}
