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

namespace Ariadne.Benchmarks.Load;

/// <summary>One simulated person: what they do, how they sign in (password and authenticator), their API token if they write through the API.</summary>
public sealed record Persona(string Kind, string UserName, string AuthenticatorKey, string? Token, List<Guid> Cases, List<Guid> Beds);

/// <summary>
/// The people of the load run, added once to the seeded world (<see cref="Seeder"/>) through the application's own services:
/// duty officers of the squads, investigators who are seeded users with their own cases (each about 900 of the 1,000,000),
/// police referrers, shelter managers each with a shelter, beds and accepted cases, helpline operators of the helpline the
/// public chat reaches, and coordinators. Every one has a password and an authenticator (the sign-in form's two steps).
/// Saved as JSON beside the database (invented data only); made again only when the database is new.
/// </summary>
public sealed record LoadWorld(List<Persona> People)
{
    public const string Password = "Dağ-Çayı-Axşam-Küləyi-2026";

    public static readonly (string Kind, int Share)[] Mix =
    [
        ("duty", 20), ("referrer", 10), ("investigator", 80), ("shelter", 30), ("operator", 20), ("visitor", 20), ("coordinator", 20),
    ];

    public void Save(string file) => File.WriteAllText(file, JsonSerializer.Serialize(this));

    public static LoadWorld Load(string file) => JsonSerializer.Deserialize<LoadWorld>(File.ReadAllText(file))!;

    public static async Task<LoadWorld> CreateAsync(IServiceProvider services, int shelterCasesEach = 2)
    {
        var now = DateTimeOffset.UtcNow;
        async Task<T> Scoped<T>(Func<IServiceProvider, Task<T>> work)
        {
            await using var scope = services.CreateAsyncScope();
            return await work(scope.ServiceProvider);
        }
        var institutions = await Scoped(sp => sp.GetRequiredService<AriadneDbContext>().Institutions.AsNoTracking()
            .Where(i => i.IsActive).OrderBy(i => i.Code).Select(i => new { i.Id, i.Kind, i.Code }).ToListAsync());
        List<Guid> Of(InstitutionKind kind) => institutions.Where(i => i.Kind == kind).Select(i => i.Id).ToList();
        if (Of(InstitutionKind.AntiTraffickingSquad).Count == 0)
            throw new InvalidOperationException("Seed the world first (the seed verb).");
        var squads = Of(InstitutionKind.AntiTraffickingSquad);
        // The public chat goes to the first active helpline by code (ContactService.HelplineInstitutionAsync): its operators take it.
        var helpline = Of(InstitutionKind.Helpline)[0];

        var people = new List<Persona>();
        var count = 0;
        async Task<Persona> NewAsync(string kind, Guid institutionId, string role, TrainingTopic? training, string? scopes, AriadneUser? existing = null) =>
            await Scoped(async sp =>
            {
                var users = sp.GetRequiredService<UserManager<AriadneUser>>();
                AriadneUser user;
                if (existing is null)
                {
                    var name = $"load.{kind}.{count++:D3}";
                    user = new AriadneUser { UserName = name, DisplayName = name, InstitutionId = institutionId, CreatedAt = now };
                    if (training is { } t)
                        user.Trainings.Add(new TrainingRecord { Topic = t, Course = "Course", Provider = "Provider", CompletedOn = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-30)), RecordedAt = now });
                    Check(await users.CreateAsync(user, Password));
                    Check(await users.AddToRolesAsync(user, [role]));
                }
                else
                {
                    // A seeded investigator (no password yet): a password, the training the role asks for.
                    user = (await users.FindByIdAsync(existing.Id.ToString()))!;
                    if (training is { } t)
                    {
                        var db0 = sp.GetRequiredService<AriadneDbContext>();
                        db0.Set<TrainingRecord>().Add(new TrainingRecord { UserId = user.Id, Topic = t, Course = "Course", Provider = "Provider", CompletedOn = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-30)), RecordedAt = now });
                        await db0.SaveChangesAsync();
                    }
                    Check(await users.AddPasswordAsync(user, Password));
                }
                Check(await users.ResetAuthenticatorKeyAsync(user));
                Check(await users.SetTwoFactorEnabledAsync(user, true));
                var key = (await users.GetAuthenticatorKeyAsync(user))!;
                string? token = null;
                if (scopes is not null)
                {
                    var db = sp.GetRequiredService<AriadneDbContext>();
                    var (secret, prefix, hash) = ApiTokenSecrets.Create();
                    db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "load", Prefix = prefix, SecretHash = hash, Scopes = scopes, CreatedAt = now, ExpiresAt = now.AddDays(30) });
                    await db.SaveChangesAsync();
                    token = secret;
                }
                return new Persona(kind, user.UserName!, key, token, [], []);
            });

        int Share(string kind) => Mix.Single(m => m.Kind == kind).Share;
        // The duty desk: referrals go to the first active Squad by code (ReferralIntake, no SquadInstitutionCode configured), so its
        // officers are that Squad's; officers of the other units would watch an empty desk.
        for (var i = 0; i < Share("duty"); i++)
            people.Add(await NewAsync("duty", squads[0], RoleCatalog.DutyOfficer, TrainingTopic.AntiTrafficking, null));
        var police = Of(InstitutionKind.Police).Concat(Of(InstitutionKind.BorderService)).ToList();
        for (var i = 0; i < Share("referrer"); i++)
            people.Add(await NewAsync("referrer", police[i % police.Count], RoleCatalog.LawEnforcementOfficer, null, "referrals.write referrals.read"));

        // Investigators: seeded ones of squads 1..19 (each opened about 900 cases and holds their investigator grants).
        var investigatorRole = await Scoped(sp => sp.GetRequiredService<AriadneDbContext>().Roles.Where(r => r.Name == RoleCatalog.Investigator).Select(r => r.Id).SingleAsync());
        var seeded = await Scoped(sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            return db.Users.AsNoTracking()
                .Where(u => u.UserName!.StartsWith("bench") && u.PasswordHash == null && squads.Skip(1).Contains(u.InstitutionId)
                    && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == investigatorRole))
                .OrderBy(u => u.UserName).Take(Share("investigator")).ToListAsync();
        });
        foreach (var user in seeded)
            people.Add(await NewAsync("investigator", user.InstitutionId, RoleCatalog.Investigator, TrainingTopic.AntiTrafficking,
                "cases.read cases.write", user) with
            { UserName = user.UserName! });

        // Shelters: each manager's own shelter with beds, and cases the squad sent there and the shelter accepted.
        var shelters = Of(InstitutionKind.Shelter);
        var squadOfficer = seeded[0];
        var squad = ViewerOf(squadOfficer.Id, squadOfficer.InstitutionId, RoleCatalog.Investigator);
        for (var m = 0; m < Share("shelter"); m++)
        {
            var institutionId = shelters[m % shelters.Count];
            var manager = await NewAsync("shelter", institutionId, RoleCatalog.ShelterManager, TrainingTopic.VictimAssistance, "placements.write placements.read");
            var managerId = await Scoped(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.UserName == manager.UserName).Select(u => u.Id).SingleAsync());
            var viewer = ViewerOf(managerId, institutionId, RoleCatalog.ShelterManager);
            string[] roles = [RoleCatalog.ShelterManager];
            var shelterName = $"Load shelter {m:D2}";
            Expect(await Scoped(sp => sp.GetRequiredService<ShelterService>().SaveShelterAsync(viewer, roles, null,
                new() { Name = shelterName, Ownership = ShelterOwnership.Ngo, Languages = "az", Address = "Load street " + m })));
            var shelterId = await Scoped(sp => sp.GetRequiredService<AriadneDbContext>().Shelters.Where(s => s.Name == shelterName).Select(s => s.Id).SingleAsync());
            for (var i = 0; i < shelterCasesEach; i++)
            {
                Expect(await Scoped(sp => sp.GetRequiredService<ShelterService>().AddBedAsync(viewer, roles, new() { ShelterId = shelterId, Label = $"{i + 1}", Restriction = BedRestriction.Women })));
                var view = await Scoped(sp => sp.GetRequiredService<CaseService>().CreateAsync(squad, new CaseInput
                {
                    GivenName = "Load" + Letters(m * 10 + i),
                    FamilyName = "Resident",
                    DateOfBirth = "1998-04-12",
                    Sex = "female",
                    Citizenship = "AZE",
                    DocumentNumber = $"LOAD{m:D2}{i}{Guid.NewGuid().ToString("N")[..6]}",
                }));
                await Scoped(async sp =>
                {
                    Expect(await sp.GetRequiredService<ConsentService>().RecordConsentAsync(squad, view.Id, new()
                    {
                        Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing],
                        RecipientInstitutionId = institutionId,
                        Form = ConsentForm.Written,
                        GivenOn = DateOnly.FromDateTime(now.UtcDateTime),
                    }));
                    Expect(await sp.GetRequiredService<OnwardService>().SendAsync(squad, view.Id, new() { Relation = Relation.Shelter, RecipientInstitutionId = institutionId, Share = [DataClass.Identity, DataClass.Care] }));
                    return 0;
                });
                var onwardId = await Scoped(sp => sp.GetRequiredService<AriadneDbContext>().OnwardReferrals.Where(o => o.CaseId == view.Id).Select(o => o.Id).SingleAsync());
                if (!await Scoped(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(viewer, onwardId, OnwardService.Answer.Accept)))
                    throw new InvalidOperationException("the shelter could not accept the onward referral");
                manager.Cases.Add(view.Id);
            }
            manager.Beds.AddRange(await Scoped(sp => sp.GetRequiredService<AriadneDbContext>().Beds.Where(b => b.ShelterId == shelterId).OrderBy(b => b.Label).Select(b => b.Id).ToListAsync()));
            people.Add(manager);
        }

        for (var i = 0; i < Share("operator"); i++)
            people.Add(await NewAsync("operator", helpline, RoleCatalog.HelplineOperator, TrainingTopic.Helpline, "helpline.write helpline.read"));
        for (var i = 0; i < Share("visitor"); i++)
            people.Add(new Persona("visitor", "", "", null, [], [])); // anonymous: the public web chat
        var coordination = Of(InstitutionKind.NationalCoordinator);
        for (var i = 0; i < Share("coordinator"); i++)
            people.Add(await NewAsync("coordinator", coordination[i % coordination.Count], RoleCatalog.Coordinator, null, null));
        return new LoadWorld(people);
    }

    public static string Letters(int value)
    {
        var text = new System.Text.StringBuilder();
        do
        {
            text.Append((char)('a' + value % 26));
            value /= 26;
        }
        while (value > 0);
        return text.ToString();
    }

    private static Viewer ViewerOf(Guid id, Guid institutionId, string role) => Viewer.Of(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(AriadneClaims.InstitutionId, institutionId.ToString()), new Claim(ClaimTypes.Role, role)], "load")));

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
