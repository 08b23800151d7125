using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ariadne.Web;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Tests;

/// <summary>Every UI string exists, non-empty, in Azerbaijani, Russian and English.</summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly string[] Languages = ["az", "ru", "en"];

    private static Dictionary<string, string> Load(string language) =>
        XDocument.Load(Path.Combine(RepositoryFiles.WebProject, "Resources", $"SharedResource.{language}.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void Every_language_has_the_same_keys_and_no_empty_value()
    {
        var english = Load("en");
        Assert.NotEmpty(english);
        foreach (var language in Languages)
        {
            var strings = Load(language);
            Assert.Equal(english.Keys.Order(StringComparer.Ordinal), strings.Keys.Order(StringComparer.Ordinal));
            Assert.All(strings, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"{language}: {kv.Key} is empty"));
        }
    }

    [Fact]
    public void Placeholders_agree_across_languages()
    {
        var english = Load("en");
        foreach (var language in Languages)
            foreach (var (key, value) in Load(language))
                Assert.True(Placeholders(english[key]).SetEquals(Placeholders(value)), $"{language}: {key} has other placeholders than English");
    }

    [Fact]
    public void Every_key_used_in_code_exists()
    {
        var keys = Load("en").Keys.ToHashSet();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in RepositoryFiles.WebSources(".cs", ".cshtml"))
            foreach (Match match in KeyUse().Matches(File.ReadAllText(file)))
                used.Add(match.Groups["key"].Value);
        Assert.True(used.Count > 100, "the scan found too few keys; the pattern is broken");
        var missing = used.Where(k => !keys.Contains(k)).ToList();
        Assert.Empty(missing);
    }

    private static readonly Ariadne.Web.Platform.Modules.ModuleCatalog Catalog = new(Ariadne.Web.AriadneModules.All);

    [Fact]
    public void Every_audit_action_and_purpose_reads_in_words()
    {
        // The audit viewer and the case history show codes through AuditWords; a code without words would read as "Other".
        var keys = Load("en").Keys.ToHashSet();
        static string Key(string prefix, string code) => prefix + code.Replace('.', '_').Replace('-', '_').Replace(':', '_');
        var purposes = typeof(AriadneModules).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(f => f.FieldType == typeof(Ariadne.Web.Platform.Audit.AuditPurpose))
            .Select(f => ((Ariadne.Web.Platform.Audit.AuditPurpose)f.GetValue(null)!).Code).ToList();
        Assert.True(purposes.Count > 40, "the scan found too few purposes");
        var missing = Catalog.AuditActions.Select(a => Key("AuditAction_", a.Code))
            .Concat(purposes.Select(p => Key("AuditPurpose_", p)))
            .Where(k => !keys.Contains(k)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_name_built_from_data_has_a_string()
    {
        var keys = Load("en").Keys.ToHashSet();
        var needed = Enum.GetNames<InstitutionKind>().Select(k => "Kind_" + k)
            .Concat(RoleCatalog.All.Select(r => "Role_" + r.Name))
            .Concat(Enum.GetNames<TrainingTopic>().Select(t => "Topic_" + t))
            .Concat(Catalog.ApiScopes.Select(s => "Scope_" + s.Name))
            .Concat(Catalog.Navigation.Select(n => n.TextKey))
            .Concat(new[] { 400, 401, 403, 404, 405, 413, 415, 429, 500 }.Select(c => "Status_" + c))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Cases.CaseStatus>().Select(s => "CaseStatus_" + s))
            .Concat(Ariadne.Web.Features.Cases.CaseFields.Classes.Select(c => "DataClass_" + c))
            .Concat(Ariadne.Web.Features.Cases.CaseFields.All.Select(f => "CaseField_" + f.Name))
            .Concat(Enum.GetNames<Ariadne.Web.Platform.Access.Relation>().Select(r => "Relation_" + r))
            .Concat(Enum.GetNames<Ariadne.Web.Platform.Access.BreakGlassReason>().Select(r => "BreakGlassReason_" + r))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Referrals.ReferralStep>().Select(s => "ReferralStep_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Referrals.Urgency>().Select(s => "Urgency_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Referrals.ReferralStatus>().Select(s => "ReferralStatus_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Referrals.ReferralConsent>().Select(s => "ReferralConsent_" + s))
            .Concat(Ariadne.Web.Features.Referrals.ReferralDispatch.CloseReasons.Select(s => "CloseReason_" + s))
            .Concat(Ariadne.Web.Features.Referrals.ReferralInput.ExploitationTypes.Select(s => "Exploitation_" + s))
            .Concat(Ariadne.Web.Features.Identification.Indicators.ForcedLabour.Select(s => "Ilo_" + s))
            .Concat(Ariadne.Web.Features.Identification.Indicators.Operational.Select(s => "IloEc_" + s.Code))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Identification.IndicatorDimension>().Select(s => "IloDim_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Identification.IndicatorStrength>().Select(s => "Strength_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Cases.TraffickingStatus>().Select(s => "TraffickingStatus_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Identification.DecidingBody>().Select(s => "DecidingBody_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Protection.ConsentPurpose>().Select(s => "ConsentPurpose_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Protection.ConsentForm>().Select(s => "ConsentForm_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Protection.OnwardStatus>().Select(s => "OnwardStatus_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Protection.RiskLevel>().Select(s => "RiskLevel_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.FileStage>().Select(s => "FileStage_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.PartyRole>().Select(s => "PartyRole_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.PartySex>().Select(s => "PartySex_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.SuspectOutcome>().Select(s => "SuspectOutcome_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.MeasureKind>().Select(s => "MeasureKind_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.MeasureAuthority>().Select(s => "MeasureAuthority_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.NonPunishmentDecision>().Select(s => "NonPunishmentDecision_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.CustodyKind>().Select(s => "CustodyKind_" + s))
            .Concat(Ariadne.Web.Features.Investigation.EvidenceFiles.ErrorKeys)
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.EntityKind>().Select(s => "EntityKind_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.LinkKind>().Select(s => "LinkKind_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.ConnectionRequestStatus>().Select(s => "ConnectionRequestStatus_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.ExportLegalBasis>().Select(s => "ExportLegalBasis_" + s))
            .Concat(new[] { "GraphNodeKind_CriminalFile", "GraphNodeKind_ProtectionCase", "Relation_" + Ariadne.Web.Features.Investigation.FileRights.ConnectionReader })
            .Concat(typeof(Ariadne.Web.Features.Investigation.EntityResolution).GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!).Where(k => k.StartsWith("Resolution_", StringComparison.Ordinal)))
            .Concat(new[] { "Entity_Saved", "Link_Saved", "Merge_Confirmed", "Merge_Undone", "Connection_Asked", "Connection_Decided" })
            .Concat(new[] { Ariadne.Web.Features.Investigation.InvestigationAudit.ConnectionNotice, Ariadne.Web.Features.Investigation.InvestigationAudit.ConnectionGrantedNotice,
                Ariadne.Web.Features.Investigation.InvestigationAudit.ConnectionRefusedNotice }.Select(k => "Notification_" + k.Code))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.CooperationStatus>().Select(s => "CooperationStatus_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.CooperationChannel>().Select(s => "CooperationChannel_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.AssistanceKind>().Select(s => "AssistanceKind_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.CooperationUrgency>().Select(s => "CooperationUrgency_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.ReplyKind>().Select(s => "ReplyKind_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.CooperationStepKind>().Select(s => "CooperationStepKind_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.Investigation.PartyFields>().Where(f => f != "None").Select(s => "PartyFields_" + s))
            .Concat(new[] { "Cooperation_ItemAdded", "Cooperation_ItemRemoved", "Cooperation_SubmittedNotice", "Cooperation_ReturnedNotice", "Cooperation_SentNotice",
                "Cooperation_ReplyNotice", "Cooperation_ReminderNotice", "Cooperation_ClosedNotice", "Cooperation_Changed", "Cooperation_HomeLine", "Cooperation_Overdue",
                "Home_Cooperation", "Home_CooperationOverdueCount", "Home_CooperationSeeAll" })
            .Concat(new[] { Ariadne.Web.Features.Investigation.CooperationAudit.SubmittedNotice, Ariadne.Web.Features.Investigation.CooperationAudit.DecidedNotice }.Select(k => "Notification_" + k.Code))
            .Concat(new[] { "File_StageSaved", "Party_Saved", "Outcome_Saved", "Coercive_Saved", "NonPunishment_Saved", "File_Shared", "Evidence_Taken", "Custody_Saved" })
            .Concat(new[] { Ariadne.Web.Features.Investigation.InvestigationAudit.SharedNotice, Ariadne.Web.Features.Investigation.InvestigationAudit.TamperNotice }.Select(k => "Notification_" + k.Code))
            .Concat(new[] { "Referral_Danger_true", "Referral_Danger_false" })
            .Concat(Ariadne.Web.Features.InformationRequests.InformationRequestsAudit.Notices.Select(k => "Notification_" + k.Code))
            .Concat(Enum.GetNames<Ariadne.Web.Features.InformationRequests.RequestStatus>().Select(s => "RequestStatus_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.InformationRequests.LegalBasis>().Select(s => "LegalBasis_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.InformationRequests.OpinionKind>().Select(s => "OpinionKind_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.InformationRequests.DecisionOutcome>().Select(s => "DecisionOutcome_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.InformationRequests.StepKind>().Select(s => "StepKind_" + s))
            .Concat(Enum.GetNames<Ariadne.Web.Features.InformationRequests.ReferenceMatch>().Select(s => "ReferenceMatch_" + s))
            .Concat(new[] { "Info_Received", "Info_OpinionSaved", "Info_Decided", "Info_RevokedNotice", "Info_HomeLine", "Info_OpinionOverdue", "Info_OpinionDueTag",
                "Home_InfoQueue", "Home_InfoWaitingCount", "Home_InfoSeeAll", "Home_InfoOpinions", "Home_InfoOpinionsCount", "Home_InfoOpinionsSeeAll" })
            .Concat(Ariadne.Web.Platform.Security.CredentialNotices.All.Select(k => "Notification_" + k.Code))
            .Concat(new[] { Ariadne.Web.Platform.Api.ApiTokenExpiry.InFourteenDays, Ariadne.Web.Platform.Api.ApiTokenExpiry.InThreeDays }.Select(k => "Notification_" + k.Code))
            .Concat(new[] { "break-glass", "referral-received", "referral-overdue", "onward-received" }.Select(k => "Notification_" + k));
        var missing = needed.Where(k => !keys.Contains(k)).ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("az", "Giriş")]
    [InlineData("ru", "Вход")]
    [InlineData("en", "Sign in")]
    public void Compiled_satellite_resources_answer_in_each_language(string culture, string expected)
    {
        var resources = new ResourceManager("Ariadne.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        Assert.Equal(expected, resources.GetString("SignIn_Title", new CultureInfo(culture)));
    }

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    // T["Key"], text["Key"], label="Key", hint="Key", ErrorMessage = "Key", notices and problem keys.
    [GeneratedRegex("""(?:\b(?:T|text)\["|\b(?:label|hint|legend)="|ErrorMessage = "|TempData\["Notice"\] = "|new RoleProblem\(")(?<key>[A-Z][A-Za-z0-9]*_[A-Za-z0-9_.]+)"?""")]
    private static partial Regex KeyUse();
}
