using System.Security.Claims;
using System.Text.Json;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Benchmarks.Crash;

/// <summary>
/// The crash harness's world, made once in-process through the application's own services (as the integration
/// tests do): a Squad (duty officer, investigator), a police referrer, a helpline operator and a shelter with beds
/// and cases it accepted, each client with an API token. Saved as JSON beside the database (invented data only).
/// </summary>
public sealed record CrashWorld(
    string ReferrerToken, string InvestigatorToken, string OperatorToken, string ManagerToken,
    List<Guid> ShelterCases, List<Guid> Beds)
{
    public const int Shelterable = 4;

    public static async Task<CrashWorld> CreateAsync(IServiceProvider services)
    {
        var now = DateTimeOffset.UtcNow;
        async Task<T> Scoped<T>(Func<IServiceProvider, Task<T>> work)
        {
            await using var scope = services.CreateAsyncScope();
            return await work(scope.ServiceProvider);
        }

        async Task<(Guid Id, Guid InstitutionId, string Token)> UserAsync(InstitutionKind kind, string institutionCode, string role, TrainingTopic[] trainings, string scopes) =>
            await Scoped(async sp =>
            {
                var db = sp.GetRequiredService<AriadneDbContext>();
                var institution = await db.Institutions.FirstOrDefaultAsync(i => i.Code == institutionCode);
                if (institution is null)
                {
                    institution = new Institution { Name = "Crash " + institutionCode, Code = institutionCode, Kind = kind, CreatedAt = now };
                    db.Institutions.Add(institution);
                    await db.SaveChangesAsync();
                }
                var name = "crash." + Guid.NewGuid().ToString("N")[..8];
                var user = new AriadneUser { UserName = name, DisplayName = name, InstitutionId = institution.Id, CreatedAt = now };
                user.Trainings.AddRange(trainings.Select(t => new TrainingRecord { Topic = t, Course = "Course", Provider = "Provider", CompletedOn = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-30)), RecordedAt = now }));
                var users = sp.GetRequiredService<UserManager<AriadneUser>>();
                Check(await users.CreateAsync(user, "Qaya-" + Guid.NewGuid().ToString("N")));
                Check(await users.AddToRolesAsync(user, [role]));
                Check(await users.SetTwoFactorEnabledAsync(user, true));
                var (secret, prefix, hash) = ApiTokenSecrets.Create();
                db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "crash", Prefix = prefix, SecretHash = hash, Scopes = scopes, CreatedAt = now, ExpiresAt = now.AddDays(30) });
                await db.SaveChangesAsync();
                return (user.Id, institution.Id, secret);
            });

        var squadTraining = new[] { TrainingTopic.AntiTrafficking };
        await UserAsync(InstitutionKind.AntiTraffickingSquad, "CR-SQUAD", RoleCatalog.DutyOfficer, squadTraining, "referrals.read"); // receives the referrals
        var investigator = await UserAsync(InstitutionKind.AntiTraffickingSquad, "CR-SQUAD", RoleCatalog.Investigator, squadTraining,
            "cases.read cases.write investigations.write investigations.read evidence.write evidence.read");
        var referrer = await UserAsync(InstitutionKind.Police, "CR-POLICE", RoleCatalog.LawEnforcementOfficer, [], "referrals.write referrals.read");
        var @operator = await UserAsync(InstitutionKind.Helpline, "CR-152", RoleCatalog.HelplineOperator, [TrainingTopic.Helpline], "helpline.write helpline.read");
        var manager = await UserAsync(InstitutionKind.Shelter, "CR-SHELTER", RoleCatalog.ShelterManager, [TrainingTopic.VictimAssistance], "placements.write placements.read");

        string[] managerRoles = [RoleCatalog.ShelterManager];
        var managerViewer = ViewerOf(manager.Id, manager.InstitutionId, RoleCatalog.ShelterManager);
        var squad = ViewerOf(investigator.Id, investigator.InstitutionId, RoleCatalog.Investigator);
        var shelterName = "Crash shelter " + Guid.NewGuid().ToString("N")[..6];
        Expect(await Scoped(sp => sp.GetRequiredService<ShelterService>().SaveShelterAsync(managerViewer, managerRoles, null,
            new() { Name = shelterName, Ownership = ShelterOwnership.Ngo, Languages = "az", Address = "Crash street 1" })));
        var shelterId = await Scoped(sp => sp.GetRequiredService<AriadneDbContext>().Shelters.Where(s => s.Name == shelterName).Select(s => s.Id).SingleAsync());
        var cases = new List<Guid>();
        for (var i = 0; i < Shelterable; i++)
        {
            Expect(await Scoped(sp => sp.GetRequiredService<ShelterService>().AddBedAsync(managerViewer, managerRoles, new() { ShelterId = shelterId, Label = $"{i + 1}", Restriction = BedRestriction.Women })));
            var view = await Scoped(sp => sp.GetRequiredService<CaseService>().CreateAsync(squad, new CaseInput
            {
                GivenName = "Crash" + i,
                FamilyName = "Resident",
                DateOfBirth = "1998-04-12",
                Sex = "female",
                Citizenship = "AZE",
                DocumentNumber = $"CRASH{i}{Guid.NewGuid().ToString("N")[..6]}",
            }));
            await Scoped(async sp =>
            {
                Expect(await sp.GetRequiredService<ConsentService>().RecordConsentAsync(squad, view.Id, new()
                {
                    Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing],
                    RecipientInstitutionId = manager.InstitutionId,
                    Form = ConsentForm.Written,
                    GivenOn = DateOnly.FromDateTime(now.UtcDateTime),
                }));
                Expect(await sp.GetRequiredService<OnwardService>().SendAsync(squad, view.Id, new() { Relation = Relation.Shelter, RecipientInstitutionId = manager.InstitutionId, Share = [DataClass.Identity, DataClass.Care] }));
                return 0;
            });
            var onwardId = await Scoped(sp => sp.GetRequiredService<AriadneDbContext>().OnwardReferrals.Where(o => o.CaseId == view.Id).Select(o => o.Id).SingleAsync());
            if (!await Scoped(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(managerViewer, onwardId, OnwardService.Answer.Accept)))
                throw new InvalidOperationException("the shelter could not accept the onward referral");
            cases.Add(view.Id);
        }
        var beds = await Scoped(sp => sp.GetRequiredService<AriadneDbContext>().Beds.Where(b => b.ShelterId == shelterId).OrderBy(b => b.Label).Select(b => b.Id).ToListAsync());
        return new CrashWorld(referrer.Token, investigator.Token, @operator.Token, manager.Token, cases, beds);
    }

    public void Save(string file) => File.WriteAllText(file, JsonSerializer.Serialize(this));

    public static CrashWorld Load(string file) => JsonSerializer.Deserialize<CrashWorld>(File.ReadAllText(file))!;

    private static Viewer ViewerOf(Guid id, Guid institutionId, string role) => Viewer.Of(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(AriadneClaims.InstitutionId, institutionId.ToString()), new Claim(ClaimTypes.Role, role)], "crash")));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
    }

    private static void Expect(Dictionary<string, string[]>? errors)
    {
        if (errors is null || errors.Count > 0)
            throw new InvalidOperationException("setup refused: " + (errors is null ? "(no access)" : string.Join(", ", errors.Keys)));
    }
}
