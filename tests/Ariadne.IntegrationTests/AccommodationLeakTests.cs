using System.Net;
using System.Net.Http.Headers;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The leak property test for accommodation (issue 13): random worlds of two shelter institutions, a Squad and the other
/// participants, cases placed through the real onward referral, admission and discharge, and random further grants. Every
/// user then opens every output that could carry a shelter's address or a stay's notes (the case's accommodation tab, the
/// bed finder, the shelters page, the shelters API, the case API, the notices, the home page, the oversight CSV export) and
/// what comes back is compared with a separate model: the address of an open stay reaches the shelter's own staff and
/// whoever reads the case's Contact &amp; location; discharge notes reach whoever reads Care; nothing else reaches anyone.
/// Every address and note is a unique token, so a leak is found wherever it hides. The logs are searched last.
/// </summary>
public abstract class AccommodationLeakTests(string provider)
{
    /// <summary>The model's own statement of which roles an institution-wide grant of each relation reaches (PRODUCT.md §3).</summary>
    private static readonly Dictionary<Relation, string[]> ModelRelationRoles = new()
    {
        [Relation.Investigator] = [RoleCatalog.Investigator, RoleCatalog.IdentificationOfficer, RoleCatalog.DutyOfficer, RoleCatalog.SquadChief],
        [Relation.SquadSupervisor] = [RoleCatalog.SquadChief],
        [Relation.Shelter] = [RoleCatalog.ShelterManager, RoleCatalog.SocialWorker],
        [Relation.ServiceProvider] = [RoleCatalog.ServiceProfessional],
        [Relation.Prosecutor] = [RoleCatalog.Prosecutor],
        [Relation.RepatriationPartner] = [RoleCatalog.PartnerOfficer],
        [Relation.CoordinatorInformation] = [RoleCatalog.Coordinator, RoleCatalog.Analyst],
    };

    /// <summary>The model's statement of a shelter's staff.</summary>
    private static readonly string[] ModelShelterStaff = [RoleCatalog.ShelterManager, RoleCatalog.SocialWorker];

    private sealed record WorldUser(Guid Id, string UserName, Guid InstitutionId, string[] Roles, string Key, string Token);
    private sealed record WorldShelter(Guid Id, Guid InstitutionId, string Address);
    private sealed record WorldStay(Guid CaseId, string Number, WorldShelter Shelter, bool Open, string? NotesToken);
    private sealed record WorldGrant(Guid CaseId, Guid? UserId, Guid? InstitutionId, Relation Relation, DataClass Read);

    [Fact]
    public async Task No_address_or_stay_note_reaches_anyone_beyond_the_shelter_and_those_who_may_know_where_the_person_is()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        var random = new Random(provider == "Postgres" ? 4711 : 1913);
        var (users, shelters, stays, grants) = await BuildAsync(app, random);
        var checks = 0;
        foreach (var user in users)
            checks += await CheckUserAsync(app, user, shelters, stays, grants);

        // The logs of the whole run: no address and no note, whoever asked for what.
        var logs = string.Join("\n", app.Logs.GetSnapshot().Select(r => r.Message + " " + string.Join(" ", r.StructuredState?.Select(p => p.Value) ?? [])));
        Assert.All(shelters, s => Assert.DoesNotContain(s.Address, logs, StringComparison.Ordinal));
        Assert.All(stays.Where(s => s.NotesToken is not null), s => Assert.DoesNotContain(s.NotesToken!, logs, StringComparison.Ordinal));
        Assert.True(checks >= 300, $"only {checks} checks ran");
        Assert.Contains(stays, s => s.Open);
        Assert.Contains(stays, s => !s.Open);
        TestContext.Current.SendDiagnosticMessage($"accommodation leak test on {provider}: {checks} checks, {stays.Count} stays");
    }

    private static DataClass ModelRead(WorldUser user, IEnumerable<WorldGrant> grants, Guid caseId) =>
        grants.Where(g => g.CaseId == caseId && (g.UserId == user.Id || (g.InstitutionId == user.InstitutionId && ModelRelationRoles[g.Relation].Intersect(user.Roles).Any())))
            .Aggregate(DataClass.None, (read, g) => read | g.Read);

    private static async Task<int> CheckUserAsync(AriadneApp app, WorldUser user, List<WorldShelter> shelters, List<WorldStay> stays, List<WorldGrant> grants)
    {
        var checks = 0;
        var everyAddress = shelters.Select(s => s.Address).ToList();
        using var session = app.NewSession();
        var home = await session.PasswordAsync(user.UserName, AriadneApp.Password);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        home = await session.CodeAsync(home, app.TotpNow(user.Key));
        Assert.Equal("/", home.Path);
        using var api = app.CreateClient(new() { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);

        // The case's accommodation tab: the address of an open stay to the shelter's staff and to Contact & location readers; the notes to Care readers.
        foreach (var stay in stays)
        {
            var read = ModelRead(user, grants, stay.CaseId);
            var page = await session.GetAsync($"/Cases/Accommodation?id={stay.CaseId}");
            Assert.Equal(read == DataClass.None ? HttpStatusCode.NotFound : HttpStatusCode.OK, page.Status);
            var seesAddress = read != DataClass.None && stay.Open
                && (stay.Shelter.InstitutionId == user.InstitutionId || read.HasFlag(DataClass.ContactLocation));
            Assert.True(seesAddress == page.Html.Contains(stay.Shelter.Address, StringComparison.Ordinal),
                $"{user.UserName} [{string.Join(',', user.Roles)}] on {stay.Number}: address shown {!seesAddress}, expected {seesAddress}");
            Assert.All(everyAddress.Where(a => a != stay.Shelter.Address), a => Assert.DoesNotContain(a, page.Html, StringComparison.Ordinal));
            if (stay.NotesToken is not null)
                Assert.Equal(read.HasFlag(DataClass.Care), page.Html.Contains(stay.NotesToken, StringComparison.Ordinal));

            // The case in the API and its page: the case's own fields only, never the shelter's address.
            var detail = await api.GetAsync($"/api/v1/cases/{stay.CaseId}");
            Assert.DoesNotContain(stay.Shelter.Address, await detail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            checks += 3;
        }

        // Outputs that never carry an address for anyone: the finder (page and API), the notices, home, the case list.
        var outputs = new List<string>
        {
            (await session.GetAsync("/Accommodation/Beds?Search.Need=Woman")).Html,
            (await session.GetAsync("/Notifications")).Html,
            (await session.GetAsync("/")).Html,
            (await session.GetAsync("/Cases")).Html,
            await (await api.GetAsync("/api/v1/shelters?need=Woman")).Content.ReadAsStringAsync(),
            await (await api.GetAsync("/api/v1/cases")).Content.ReadAsStringAsync(),
        };
        foreach (var output in outputs)
        {
            Assert.All(everyAddress, a => Assert.DoesNotContain(a, output, StringComparison.Ordinal));
            Assert.All(stays.Where(s => s.NotesToken is not null), s => Assert.DoesNotContain(s.NotesToken!, output, StringComparison.Ordinal));
            checks++;
        }

        // The shelters page: a shelter's own staff read its address; nobody reads another shelter's.
        var own = await session.GetAsync("/Accommodation/Shelters");
        foreach (var shelter in shelters)
        {
            var staff = shelter.InstitutionId == user.InstitutionId && ModelShelterStaff.Intersect(user.Roles).Any();
            Assert.Equal(staff, own.Html.Contains(shelter.Address, StringComparison.Ordinal));
            checks++;
        }

        // The oversight export of who opened each case: events, never an address.
        if (user.Roles.Contains(RoleCatalog.Auditor))
        {
            foreach (var stay in stays)
            {
                using var csv = await session.Client.GetAsync($"/Oversight/CaseAccess?Number={stay.Number}&handler=Export");
                csv.EnsureSuccessStatusCode();
                var text = await csv.Content.ReadAsStringAsync();
                Assert.All(everyAddress, a => Assert.DoesNotContain(a, text, StringComparison.Ordinal));
                checks++;
            }
        }
        return checks;
    }

    private static async Task<(List<WorldUser>, List<WorldShelter>, List<WorldStay>, List<WorldGrant>)> BuildAsync(AriadneApp app, Random random)
    {
        var now = app.Time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AriadneDbContext>();
        var userManager = sp.GetRequiredService<UserManager<AriadneUser>>();

        var kinds = new[]
        {
            InstitutionKind.AntiTraffickingSquad, InstitutionKind.Shelter, InstitutionKind.Shelter, InstitutionKind.ServiceProvider,
            InstitutionKind.Prosecution, InstitutionKind.InternationalPartner, InstitutionKind.Police, InstitutionKind.NationalCoordinator, InstitutionKind.Oversight,
        };
        var institutions = kinds.Select((k, i) => new Institution { Name = $"A {k} {i}", Code = $"A{i}-{Guid.NewGuid():N}"[..20], Kind = k, CreatedAt = now }).ToList();
        db.Institutions.AddRange(institutions);
        await db.SaveChangesAsync();

        var users = new List<WorldUser>();
        async Task<WorldUser> UserAsync(Institution institution, string[] roles)
        {
            var user = new AriadneUser { UserName = "a" + Guid.NewGuid().ToString("N")[..10], DisplayName = "A", InstitutionId = institution.Id, CreatedAt = now };
            user.Trainings.AddRange(Enum.GetValues<TrainingTopic>().Select(t => new TrainingRecord { Topic = t, Course = "c", Provider = "p", CompletedOn = new DateOnly(2026, 1, 1) }));
            Check(await userManager.CreateAsync(user, AriadneApp.Password));
            Check(await userManager.AddToRolesAsync(user, roles));
            Check(await userManager.ResetAuthenticatorKeyAsync(user));
            Check(await userManager.SetTwoFactorEnabledAsync(user, true));
            var (secret, prefix, hash) = ApiTokenSecrets.Create();
            db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "leak", Prefix = prefix, SecretHash = hash, Scopes = CasesModule.ReadScope + " " + AccommodationModule.ReadScope, CreatedAt = now, ExpiresAt = now.AddDays(30) });
            await db.SaveChangesAsync();
            var made = new WorldUser(user.Id, user.UserName, institution.Id, roles, (await userManager.GetAuthenticatorKeyAsync(user))!, secret);
            users.Add(made);
            return made;
        }

        // The people who make the world happen (an investigator, each shelter's manager), then random members of every institution.
        var investigator = await UserAsync(institutions[0], [RoleCatalog.Investigator]);
        var managers = new Dictionary<Guid, WorldUser>();
        foreach (var institution in institutions.Where(i => i.Kind == InstitutionKind.Shelter))
            managers[institution.Id] = await UserAsync(institution, [RoleCatalog.ShelterManager]);
        foreach (var institution in institutions)
        {
            var fitting = RoleCatalog.For(institution.Kind).ToList();
            for (var n = 0; n < 2; n++)
                await UserAsync(institution, fitting.Where(_ => random.Next(2) == 0).Select(r => r.Name).DefaultIfEmpty(fitting[random.Next(fitting.Count)].Name).ToArray());
        }

        Viewer ViewerOf(WorldUser u) => CaseSteps.ViewerOf(new TestUser(u.Id, u.UserName, "", null, u.InstitutionId), u.Roles);
        var shelterService = sp.GetRequiredService<ShelterService>();
        var shelters = new List<WorldShelter>();
        foreach (var (institutionId, manager) in managers)
        {
            var address = $"ADDR{Guid.NewGuid():N}"[..24].ToUpperInvariant();
            var name = "Shelter " + Guid.NewGuid().ToString("N")[..8];
            Assert.Empty((await shelterService.SaveShelterAsync(ViewerOf(manager), manager.Roles, null, new() { Name = name, Ownership = ShelterOwnership.Ngo, Languages = "az,ru", Address = address }))!);
            var id = await db.Shelters.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
            for (var b = 0; b < 4; b++)
                Assert.Empty((await shelterService.AddBedAsync(ViewerOf(manager), manager.Roles, new() { ShelterId = id, Label = "B" + b, Restriction = BedRestriction.Women }))!);
            shelters.Add(new WorldShelter(id, institutionId, address));
        }

        // Cases placed through the real path: consent, onward referral to a shelter, acceptance, admission; some discharged with notes.
        var cases = sp.GetRequiredService<CaseService>();
        var consents = sp.GetRequiredService<ConsentService>();
        var onward = sp.GetRequiredService<OnwardService>();
        var placements = sp.GetRequiredService<PlacementService>();
        var stays = new List<WorldStay>();
        var grants = new List<WorldGrant>();
        var investigatorRights = AccessMatrix.Default[Relation.Investigator];
        for (var i = 0; i < 6; i++)
        {
            var view = await cases.CreateAsync(ViewerOf(investigator), CaseSteps.SampleInput("leak" + i));
            grants.Add(new WorldGrant(view.Id, investigator.Id, null, Relation.Investigator, investigatorRights.Read | investigatorRights.Write));
            grants.Add(new WorldGrant(view.Id, null, investigator.InstitutionId, Relation.SquadSupervisor, AccessMatrix.Default[Relation.SquadSupervisor].Read));
            var shelter = shelters[i % shelters.Count];
            var manager = managers[shelter.InstitutionId];
            Assert.Empty((await consents.RecordConsentAsync(ViewerOf(investigator), view.Id, new() { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = shelter.InstitutionId, Form = ConsentForm.Written, GivenOn = today }))!);
            // A stay that will be discharged with notes needs Care (the notes are written under it).
            var share = new[] { DataClass.Identity, DataClass.Care, DataClass.Health }.Where(c => (c == DataClass.Care && i % 3 == 2) || random.Next(2) == 0).ToArray();
            Assert.Empty((await onward.SendAsync(ViewerOf(investigator), view.Id, new() { Relation = Relation.Shelter, RecipientInstitutionId = shelter.InstitutionId, Share = [.. share] }))!);
            var onwardId = await db.OnwardReferrals.Where(o => o.CaseId == view.Id).Select(o => o.Id).SingleAsync();
            Assert.True(await onward.AnswerAsync(ViewerOf(manager), onwardId, OnwardService.Answer.Accept));
            grants.Add(new WorldGrant(view.Id, null, shelter.InstitutionId, Relation.Shelter, share.Aggregate(DataClass.Status, (r, c) => r | c)));
            var occupied = await db.Set<Placement>().Where(p => p.DischargedAt == null).Select(p => p.BedId).ToListAsync();
            var bed = await db.Set<Bed>().Where(b => b.ShelterId == shelter.Id && !occupied.Contains(b.Id)).Select(b => b.Id).FirstAsync();
            Assert.Empty((await placements.AdmitAsync(ViewerOf(manager), manager.Roles, view.Id, bed))!);
            string? notes = null;
            if (i % 3 == 2)
            {
                notes = $"NOTE{Guid.NewGuid():N}"[..24].ToUpperInvariant();
                Assert.Empty((await placements.DischargeAsync(ViewerOf(manager), manager.Roles, view.Id, new()
                {
                    On = today,
                    Reason = DischargeReason.PlanCompleted,
                    Destination = DischargeDestination.Family,
                    FollowUpConsent = random.Next(2) == 0,
                    Notes = notes,
                }))!);
            }
            stays.Add(new WorldStay(view.Id, view.Number, shelter, notes is null, notes));
        }

        // Random further grants on the placed cases: to users or institutions, any relation, any readable classes it allows.
        var recency = await db.Cases.ToDictionaryAsync(c => c.Id, c => c.Recency);
        var relations = ModelRelationRoles.Keys.ToArray();
        for (var i = 0; i < 14; i++)
        {
            var stay = stays[random.Next(stays.Count)];
            var relation = relations[random.Next(relations.Length)];
            var read = ((DataClass)((int)AccessMatrix.Default[relation].Read & random.Next(1, 256)) | DataClass.Status) & AccessMatrix.Default[relation].Read;
            var toUser = random.Next(2) == 0;
            var user = users[random.Next(users.Count)];
            var institution = institutions[random.Next(institutions.Count)];
            db.Grants.Add(new Grant
            {
                CaseId = stay.CaseId,
                CaseRecency = recency[stay.CaseId],
                GranteeUserId = toUser ? user.Id : null,
                GranteeInstitutionId = toUser ? null : institution.Id,
                Relation = relation,
                Read = read,
                Write = DataClass.None,
                ValidFrom = now.AddDays(-1),
                GrantedBy = investigator.Id,
                Reason = "world",
            });
            grants.Add(new WorldGrant(stay.CaseId, toUser ? user.Id : null, toUser ? null : institution.Id, relation, read));
        }
        await db.SaveChangesAsync();
        return (users, shelters, stays, grants);
    }

    private static void Check(IdentityResult result) => Assert.True(result.Succeeded, string.Join(",", result.Errors.Select(e => e.Code)));
}

public sealed class AccommodationLeakTestsOnSqlite() : AccommodationLeakTests("Sqlite");

public sealed class AccommodationLeakTestsOnPostgres() : AccommodationLeakTests("Postgres");
