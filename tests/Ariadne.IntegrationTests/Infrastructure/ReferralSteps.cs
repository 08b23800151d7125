using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests.Infrastructure;

/// <summary>The people of the referral path, and referrals made through the real service.</summary>
public static class ReferralSteps
{
    /// <summary>How an API client writes a body: web casing, enums by name (the API refuses enums as numbers).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions ApiJson =
        new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static Task<TestUser> DutyOfficerAsync(this AriadneApp app) =>
        app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.DutyOfficer], [TrainingTopic.AntiTrafficking]);

    public static Task<TestUser> SquadChiefAsync(this AriadneApp app) =>
        app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.SquadChief], [TrainingTopic.AntiTrafficking]);

    public static Task<TestUser> SquadInvestigatorAsync(this AriadneApp app) =>
        app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);

    public static Task<TestUser> BorderOfficerAsync(this AriadneApp app) =>
        app.CreateUserAsync(InstitutionKind.BorderService, [RoleCatalog.LawEnforcementOfficer]);

    public static Task<TestUser> ShelterManagerAsync(this AriadneApp app) =>
        app.CreateUserAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager], [TrainingTopic.VictimAssistance]);

    public static ReferralInput SampleReferral(string suffix = "", bool danger = false) => new()
    {
        GivenName = "Leyla" + suffix,
        FamilyName = "Hüseynova",
        DateOfBirth = "1999-05-06",
        Sex = "female",
        Citizenship = "UZB",
        Languages = "Uzbek",
        NeedsInterpreter = true,
        DocumentNumber = "UZB" + suffix + "445566",
        Whereabouts = "Astara border post, room 2",
        ImmediateDanger = danger,
        Danger = danger ? "The escort is waiting outside" : null,
        Indicators = ["documents", "movement"],
        Exploitation = ["sexual"],
        Observations = "Passport held by the escort",
        Consent = ReferralConsent.Given,
    };

    public static async Task<Referral> ReferAsync(this AriadneApp app, TestUser referrer, ReferralInput input, params string[] roles)
    {
        var (outcome, referral) = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralIntake>()
            .SubmitAsync(CaseSteps.ViewerOf(referrer, roles.Length == 0 ? [RoleCatalog.LawEnforcementOfficer] : roles), input, [], Guid.NewGuid().ToString()));
        Assert.Equal(ReferralIntake.SubmitOutcome.Created, outcome);
        return referral!;
    }

    public static async Task<string> TokenAsync(this AriadneApp app, TestUser user, string scopes)
    {
        var (secret, prefix, hash) = ApiTokenSecrets.Create();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "t", Prefix = prefix, SecretHash = hash, Scopes = scopes, CreatedAt = app.Time.GetUtcNow(), ExpiresAt = app.Time.GetUtcNow().AddDays(5) });
            await db.SaveChangesAsync();
        });
        return secret;
    }

    public static async Task<WebSession> SessionAsync(this AriadneApp app, TestUser user, string culture = "en")
    {
        var session = app.NewSession(culture);
        await session.SignInAsync(app, user);
        return session;
    }
}
