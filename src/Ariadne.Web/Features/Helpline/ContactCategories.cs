namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The category list as data: each category's trafficking code (a contact that may be trafficking is a tip the Squad must
/// get), and its names in the standards the statistics are exchanged in — HTCDS 2.0's type of exploitation, CTDC's
/// exploitation flags, and Child Helpline International's data framework (category / sub-category).
/// </summary>
public static class ContactCategories
{
    public sealed record Mapping(ContactCategory Category, string TraffickingCode, string? Htcds, string? Ctdc, string Chi);

    /// <summary>Trafficking codes: T = trafficking (a tip to forward), R = risk of trafficking (prevention), N = not trafficking.</summary>
    public static IReadOnlyList<Mapping> All { get; } =
    [
        new(ContactCategory.SexualExploitation, "T1", "sexual", "isSexualExploit", "violence/commercial-sexual-exploitation"),
        new(ContactCategory.ForcedLabour, "T2", "forced-labour", "isForcedLabour", "violence/trafficking"),
        new(ContactCategory.DomesticServitude, "T3", "servitude", "isForcedLabour", "violence/trafficking"),
        new(ContactCategory.ForcedBegging, "T4", "begging", "isOtherExploit", "violence/trafficking"),
        new(ContactCategory.ForcedCriminality, "T5", "criminality", "isOtherExploit", "violence/trafficking"),
        new(ContactCategory.ForcedMarriage, "T6", "forced-marriage", "isForcedMarriage", "violence/child-marriage"),
        new(ContactCategory.OrganRemoval, "T7", "organ-removal", "isOrganRemoval", "violence/trafficking"),
        new(ContactCategory.OtherTrafficking, "T9", "other", "isOtherExploit", "violence/trafficking"),
        new(ContactCategory.RiskyJobOffer, "R1", null, null, "legal/migration"),
        new(ContactCategory.LabourRights, "N1", null, null, "legal/labour"),
        new(ContactCategory.MissingPerson, "N2", null, null, "family/missing-child"),
        new(ContactCategory.DomesticViolence, "N3", null, null, "violence/domestic-violence"),
        new(ContactCategory.InformationRequest, "N4", null, null, "information/about-the-service"),
        new(ContactCategory.OtherServices, "N9", null, null, "other"),
    ];

    public static Mapping Of(ContactCategory category) => All.First(m => m.Category == category);

    /// <summary>A trafficking tip (code T…): the forwarding rules apply to it.</summary>
    public static bool IsTrafficking(ContactCategory category) => Of(category).TraffickingCode.StartsWith('T');
}
