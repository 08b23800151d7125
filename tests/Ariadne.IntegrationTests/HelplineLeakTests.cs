using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The leak property test for the helpline (issue 14): a random world of two helplines, the Squad and other participants,
/// random contacts (every summary, place, caller's number, flag note and supervisor's reason a unique token), some forwarded
/// by the rules. Every user then opens every helpline output — the console, each contact page, the board, the guide, the
/// roster, the statistics, the chat console, the contacts API list and each contact, the referral pages and notices, the home
/// page — and what comes back is compared with a model: what was said and where reach the holding helpline's staff, and, once
/// forwarded, the Squad's duty desk; a flag note or a supervisor's reason reach the holding helpline's staff only; the
/// caller's number reaches nobody. The logs are searched last.
/// </summary>
public abstract class HelplineLeakTests(AriadneApp app)
{
    private static readonly string[] DeskRoles = [RoleCatalog.DutyOfficer, RoleCatalog.SquadChief];

    private sealed record User(TestUser Test, string[] Roles, InstitutionKind Kind);

    private sealed record Tip(Guid Id, Guid InstitutionId, string Said, string Where, string Number, string? Note, string? Reason, bool Forwarded, Guid? ReferralId);

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private static string Token(Random random) => "tok" + random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    private Task<TestUser> UserInAsync(Guid institutionId, string[] roles) => app.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var user = new AriadneUser { UserName = "l" + Guid.NewGuid().ToString("N")[..10], DisplayName = "Leak user", InstitutionId = institutionId, CreatedAt = app.Time.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, AriadneApp.Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        var key = await users.GetAuthenticatorKeyAsync(user);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return new TestUser(user.Id, user.UserName, AriadneApp.Password, key, institutionId);
    });

    [Fact]
    public async Task No_contact_content_reaches_anyone_beyond_its_helpline_and_the_desk_it_was_forwarded_to()
    {
        CultureInfo.CurrentUICulture = new("en");
        var random = new Random(20261203 + app.Provider.Length);
        await app.DutyOfficerAsync();
        var first = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator], [TrainingTopic.Helpline]);
        var secondId = await DbAsync(async db =>
        {
            var i = new Institution { Name = "Second helpline", Code = "HL2-" + Guid.NewGuid().ToString("N")[..6], Kind = InstitutionKind.Helpline, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(i);
            await db.SaveChangesAsync();
            return i.Id;
        });
        var users = new List<User>
        {
            new(first, [RoleCatalog.HelplineOperator], InstitutionKind.Helpline),
            new(await UserInAsync(first.InstitutionId, [RoleCatalog.HelplineSupervisor]), [RoleCatalog.HelplineSupervisor], InstitutionKind.Helpline),
            new(await UserInAsync(secondId, [RoleCatalog.HelplineOperator]), [RoleCatalog.HelplineOperator], InstitutionKind.Helpline),
            new(await UserInAsync(secondId, [RoleCatalog.HelplineSupervisor]), [RoleCatalog.HelplineSupervisor], InstitutionKind.Helpline),
            new(await app.DutyOfficerAsync(), [RoleCatalog.DutyOfficer], InstitutionKind.AntiTraffickingSquad),
            new(await app.SquadInvestigatorAsync(), [RoleCatalog.Investigator], InstitutionKind.AntiTraffickingSquad),
            new(await app.ShelterManagerAsync(), [RoleCatalog.ShelterManager], InstitutionKind.Shelter),
            new(await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]), [RoleCatalog.Coordinator], InstitutionKind.NationalCoordinator),
            new(await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]), [RoleCatalog.Auditor], InstitutionKind.Oversight),
            new(await app.BorderOfficerAsync(), [RoleCatalog.LawEnforcementOfficer], InstitutionKind.BorderService),
        };

        // Random contacts in both helplines, made through the real services.
        var tips = new List<Tip>();
        foreach (var staff in users.Where(u => u.Kind == InstitutionKind.Helpline))
        {
            var op = CaseSteps.ViewerOf(staff.Test, staff.Roles);
            for (var n = 0; n < 3; n++)
            {
                var (said, where) = (Token(random), Token(random));
                var number = "+99450" + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
                var basis = (ConsentBasis)random.Next(1, 6);
                var contact = await app.WithScopeAsync(sp => sp.GetRequiredService<ContactService>().OpenAsync(op, staff.Roles, ContactChannel.Phone, number));
                await app.WithScopeAsync(sp => sp.GetRequiredService<ContactService>().SaveAsync(op, staff.Roles, contact!.Id, new ContactInput
                {
                    Category = ContactCategory.ForcedLabour,
                    ConsentBasis = basis,
                    Summary = "said " + said,
                    Whereabouts = "at " + where,
                }));
                string? note = null, reason = null;
                if (random.Next(2) == 0)
                {
                    note = Token(random);
                    Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ContactService>().FlagAsync(op, staff.Roles, contact!.Id, CallerFlagKind.AtRisk, "note " + note, 30)))!);
                }
                if (staff.Roles.Contains(RoleCatalog.HelplineSupervisor) && basis == ConsentBasis.VictimDeclines)
                {
                    reason = Token(random);
                    Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ContactService>().OverrideAsync(op, staff.Roles, contact!.Id, ForwardingOverride.Forward, "why " + reason)))!);
                    await app.WithScopeAsync(sp => sp.GetRequiredService<ContactService>().ForwardAsync(op, staff.Roles, contact!.Id));
                }
                var row = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == contact!.Id));
                tips.Add(new Tip(row.Id, row.InstitutionId, said, where, number[^7..], note, reason, row.ReferralId is not null, row.ReferralId));
            }
        }
        Assert.Contains(tips, t => t.Forwarded);
        Assert.Contains(tips, t => !t.Forwarded);

        var checks = 0;
        foreach (var user in users)
        {
            using var session = await app.SessionAsync(user.Test);
            using var api = app.CreateClient();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user.Test,
                user.Kind == InstitutionKind.Helpline ? $"{HelplineModule.ContactsReadScope} {HelplineModule.CallsScope}" : "cases.read"));
            var staffOf = (Tip t) => user.Kind == InstitutionKind.Helpline && user.Test.InstitutionId == t.InstitutionId;
            var deskOf = (Tip t) => t.Forwarded && user.Kind == InstitutionKind.AntiTraffickingSquad && user.Roles.Intersect(DeskRoles).Any();

            var outputs = new List<string>();
            foreach (var url in new[] { "/", "/Notifications", "/Helpline", "/Helpline/Board", "/Helpline/Guide", "/Helpline/Roster", "/Helpline/Statistics", "/Helpline/Chats", "/Referrals" })
                outputs.Add((await session.GetAsync(url)).Html);
            outputs.Add(await (await api.GetAsync("/api/v1/helpline/contacts")).Content.ReadAsStringAsync());
            foreach (var t in tips)
            {
                var page = await session.GetAsync($"/Helpline/Contact/{t.Id}");
                Assert.Equal(staffOf(t) ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.Status);
                if (staffOf(t))
                    Assert.Contains(t.Said, page.Html, StringComparison.Ordinal); // the model is not vacuous
                outputs.Add(page.Html);
                var document = await api.GetAsync($"/api/v1/helpline/contacts/{t.Id}");
                Assert.Equal(staffOf(t) ? HttpStatusCode.OK : user.Kind == InstitutionKind.Helpline ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, document.StatusCode);
                outputs.Add(await document.Content.ReadAsStringAsync());
                if (t.ReferralId is { } referral)
                {
                    var detail = await session.GetAsync($"/Referrals/Detail/{referral}");
                    if (deskOf(t))
                        Assert.Contains(t.Said, detail.Html, StringComparison.Ordinal);
                    outputs.Add(detail.Html);
                }
                checks += 2;
            }
            var everything = string.Join('\n', outputs);
            foreach (var t in tips)
            {
                var said = staffOf(t) || deskOf(t);
                Assert.True(said || !everything.Contains(t.Said, StringComparison.Ordinal), $"{user.Roles[0]} of {user.Kind} saw what was said on a contact of another helpline");
                Assert.True(said || !everything.Contains(t.Where, StringComparison.Ordinal), $"{user.Roles[0]} of {user.Kind} saw where");
                Assert.DoesNotContain(t.Number, everything, StringComparison.Ordinal); // the caller's number reaches nobody
                if (t.Note is { } note)
                    Assert.True(staffOf(t) || !everything.Contains(note, StringComparison.Ordinal), $"{user.Roles[0]} of {user.Kind} saw a flag note");
                if (t.Reason is { } reason)
                    Assert.True(staffOf(t) || !everything.Contains(reason, StringComparison.Ordinal), $"{user.Roles[0]} of {user.Kind} saw a supervisor's reason");
                checks++;
            }
        }
        Assert.True(checks > 100, $"only {checks} checks");

        // Nothing said, no place, note, reason or number in the logs.
        var logs = string.Join('\n', app.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception));
        foreach (var t in tips)
            foreach (var secret in new[] { t.Said, t.Where, t.Number, t.Note, t.Reason }.OfType<string>())
                Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
    }
}

// One provider: the model compares rendered outputs, and every query behind them runs on both providers in HelplineTests.
public sealed class HelplineLeakTestsOnSqlite(SqliteApp app) : HelplineLeakTests(app), IClassFixture<SqliteApp>;
