using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>The platform administrator's screens: institutions, users, roles, training — on both databases.</summary>
public abstract class AdminTests(AriadneApp app)
{
    private async Task<WebSession> AdminSessionAsync()
    {
        var admin = await app.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);
        var session = app.NewSession();
        await session.SignInAsync(app, admin);
        return session;
    }

    private static string UniqueCode() => "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task Only_administrators_reach_the_administration_pages()
    {
        var investigator = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        using var session = app.NewSession();
        await session.SignInAsync(app, investigator);
        foreach (var url in new[] { "/Admin/Institutions", "/Admin/Users", "/Admin/Users/Create", "/Admin/Institutions/Edit" })
        {
            var page = await session.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Equal("/Account/AccessDenied", page.Path);
        }
        // Each refusal is in the audit trail (ASVS 16.3.2): the user, their institution, the policy that refused; no request value.
        var denials = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == PlatformAudit.AccessDenied.Code && e.ActorUserId == investigator.Id).ToListAsync());
        Assert.Equal(4, denials.Count);
        Assert.All(denials, e =>
        {
            Assert.Equal(AuditOutcome.Denied, e.Outcome);
            Assert.Equal(investigator.InstitutionId, e.ActorInstitutionId);
            Assert.StartsWith(PlatformAudit.FunctionPurpose + ":", e.Purpose, StringComparison.Ordinal);
            Assert.Contains(Ariadne.Web.Platform.Security.Policies.Admin, e.Purpose, StringComparison.Ordinal);
        });
        Assert.True((await app.WithScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync())).Intact);

        // A forged post of the administrator's "End all sessions" (with the investigator's own antiforgery token) ends nothing.
        var target = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        var stampBefore = await StampAsync(target.Id);
        var token = (await session.GetAsync("/Account/ChangePassword")).Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
        var forged = await session.Client.PostAsync($"/Admin/Users/Edit?id={target.Id}&handler=EndSessions",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = token }));
        Assert.True(forged.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, forged.StatusCode.ToString());
        if (forged.StatusCode == HttpStatusCode.Redirect)
            Assert.Contains("/Account/AccessDenied", forged.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(stampBefore, await StampAsync(target.Id));
    }

    private Task<string?> StampAsync(Guid userId) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());

    [Fact]
    public async Task An_institution_is_created_and_bad_input_is_explained_and_saves_nothing()
    {
        using var session = await AdminSessionAsync();
        var form = await session.GetAsync("/Admin/Institutions/Edit");
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Institutions.CountAsync());

        var empty = await session.SubmitAsync(form, "form.app-form", new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Code"] = "", ["Input.Kind"] = "" });
        Assert.Equal(3, empty.Errors.Count);
        Assert.Equal("Enter a value.", empty.FieldError("Input_Name"));
        Assert.Equal("Enter a value.", empty.FieldError("Input_Kind"));
        Assert.Equal("true", empty.Document.QuerySelector("#Input_Name")!.GetAttribute("aria-invalid"));

        var badCode = await session.SubmitAsync(empty, "form.app-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Gəncə Sığınacağı",
            ["Input.Code"] = "BAD CODE!",
            ["Input.Kind"] = "Shelter",
        });
        Assert.Equal("Use at most 32 letters, digits and hyphens.", badCode.FieldError("Input_Code"));
        Assert.Equal("Gəncə Sığınacağı", badCode.Document.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal(before, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Institutions.CountAsync()));

        var code = UniqueCode();
        var saved = await session.SubmitAsync(badCode, "form.app-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Gəncə Sığınacağı",
            ["Input.Code"] = code,
            ["Input.Kind"] = "Shelter",
        });
        Assert.Equal("/Admin/Institutions", saved.Path);
        Assert.Contains("Gəncə Sığınacağı", saved.Text, StringComparison.Ordinal);

        var duplicate = await session.SubmitAsync(await session.GetAsync("/Admin/Institutions/Edit"), "form.app-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Another",
            ["Input.Code"] = code.ToLowerInvariant(),
            ["Input.Kind"] = "Court",
        });
        Assert.Equal("Another institution already has this code.", duplicate.FieldError("Input_Code"));
    }

    [Fact]
    public async Task A_tampered_institution_kind_is_refused()
    {
        using var session = await AdminSessionAsync();
        var form = await session.GetAsync("/Admin/Institutions/Edit");
        var result = await session.SubmitAsync(form, "form.app-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "X",
            ["Input.Code"] = UniqueCode(),
            ["Input.Kind"] = "Everyone",
        });
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("/Admin/Institutions/Edit", result.Path);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public async Task A_user_is_created_with_a_temporary_password_shown_once()
    {
        using var session = await AdminSessionAsync();
        // Only the platform administration's own accounts: elsewhere the institution confirms (SeparationOfDutiesTests).
        var institution = (await app.CreateUserAsync(InstitutionKind.PlatformAdministration, [])).InstitutionId;
        var form = await session.GetAsync("/Admin/Users/Create");
        var name = "clerk" + Guid.NewGuid().ToString("N")[..6];
        var created = await session.SubmitAsync(form, "form.app-form", new Dictionary<string, string>
        {
            ["Input.UserName"] = name,
            ["Input.DisplayName"] = "Səbinə Məmmədova",
            ["Input.InstitutionId"] = institution.ToString(),
        });
        Assert.StartsWith("/Admin/Users/Edit", created.Path, StringComparison.Ordinal);
        var password = created.Document.QuerySelector("[data-temporary-password]")!.TextContent;
        Assert.True(password.Length >= 20);
        Assert.Null((await session.GetAsync(created.Url)).Document.QuerySelector("[data-temporary-password]"));

        var duplicate = await session.SubmitAsync(await session.GetAsync("/Admin/Users/Create"), "form.app-form", new Dictionary<string, string>
        {
            ["Input.UserName"] = name,
            ["Input.DisplayName"] = "Other",
            ["Input.InstitutionId"] = institution.ToString(),
        });
        Assert.Equal("This account name is taken.", duplicate.FieldError("Input_UserName"));

        using var newcomer = app.NewSession();
        var first = await newcomer.PasswordAsync(name, password);
        Assert.Equal("/Account/ChangePassword", first.Path);
    }

    [Fact]
    public async Task A_role_that_needs_training_is_refused_until_a_certificate_is_recorded()
    {
        using var session = await AdminSessionAsync();
        var guard = await app.CreateUserAsync(InstitutionKind.SecurityPolice, []);
        var page = await session.GetAsync($"/Admin/Users/Edit?id={guard.Id}");
        Assert.NotNull(page.Document.QuerySelector("#role-SecurityOfficer"));
        Assert.Null(page.Document.QuerySelector("#role-Investigator")); // only roles that fit the institution are offered
        // The administrator no longer records training: certificates come from the training module.
        Assert.Null(page.Document.QuerySelector("form[action*='handler=AddTraining']"));

        var refused = await session.SubmitAsync(page, "form[action*='handler=Roles']", new Dictionary<string, string> { ["Roles"] = RoleCatalog.SecurityOfficer });
        Assert.Equal("The role “Security officer” needs a current training certificate first: the training managers issue it in the training module.", refused.FieldError("Roles"));
        Assert.Empty(await RolesOf(guard.Id));

        var wrongKind = await session.SubmitAsync(refused, "form[action*='handler=Roles']", new Dictionary<string, string> { ["Roles"] = RoleCatalog.Investigator });
        Assert.Equal("The role “Investigator” does not fit this kind of institution.", wrongKind.FieldError("Roles"));

        // The Coordinator's office records the guard's external certificate (shelter security must say until when it counts).
        var coordinator = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]);
        var (_, errors) = await app.WithScopeAsync(sp => sp.GetRequiredService<Ariadne.Web.Features.Training.Trainings>().AddExternalAsync(
            CaseSteps.ViewerOf(coordinator, RoleCatalog.Coordinator), [RoleCatalog.Coordinator], new()
            {
                UserId = guard.Id,
                Topic = TrainingTopic.ShelterSecurity,
                CourseTitle = "Sığınacağın mühafizəsi",
                IssuingBody = "ATƏT",
                Number = "OSCE-77",
                Reference = "MK-ARXIV-2026/7",
                IssuedOn = new DateOnly(2026, 10, 1),
                ExpiresOn = new DateOnly(2028, 10, 1),
            }));
        Assert.Empty(errors!);
        var trained = await session.GetAsync($"/Admin/Users/Edit?id={guard.Id}");
        Assert.Contains("Sığınacağın mühafizəsi", trained.Text, StringComparison.Ordinal);

        // With the certificate the role can be asked for; it waits for the institution.
        var granted = await session.SubmitAsync(trained, "form[action*='handler=Roles']", new Dictionary<string, string> { ["Roles"] = RoleCatalog.SecurityOfficer });
        Assert.Empty(granted.Errors);
        Assert.Empty(await RolesOf(guard.Id));
        Assert.Contains("Security officer", granted.Document.QuerySelector("[data-pending]")!.TextContent, StringComparison.Ordinal);

        // Every administrative change is in the audit trail, by identifiers.
        var purposes = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .Where(e => e.Action == Ariadne.Web.Platform.Audit.PlatformAudit.AccountChanged && e.TargetId == guard.Id).Select(e => e.Purpose).ToListAsync());
        Assert.Equal(["admin.roles-requested"], purposes);
    }

    [Fact]
    public async Task One_trained_liaison_officer_per_law_enforcement_body()
    {
        using var session = await AdminSessionAsync();
        var first = await app.CreateUserAsync(InstitutionKind.BorderService, [RoleCatalog.LawEnforcementOfficer], [TrainingTopic.AntiTrafficking]);
        var untrained = await app.CreateUserAsync(InstitutionKind.BorderService, [RoleCatalog.LawEnforcementOfficer]);
        var second = await app.CreateUserAsync(InstitutionKind.BorderService, [RoleCatalog.LawEnforcementOfficer], [TrainingTopic.AntiTrafficking]);
        var fields = new Dictionary<string, string> { ["Roles"] = RoleCatalog.LawEnforcementOfficer, ["IsLiaison"] = "true" };

        var page = await session.GetAsync($"/Admin/Users/Edit?id={untrained.Id}");
        var refused = await session.SubmitAsync(page, "form[action*='handler=Roles']", fields);
        Assert.Equal("A liaison officer must be trained in combating trafficking.", refused.FieldError("IsLiaison"));

        page = await session.GetAsync($"/Admin/Users/Edit?id={first.Id}");
        Assert.Empty((await session.SubmitAsync(page, "form[action*='handler=Roles']", fields)).Errors);
        // The designation waits for the institution's confirmation; once confirmed, a second one is refused.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == first.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsLiaisonOfficer, true)));

        page = await session.GetAsync($"/Admin/Users/Edit?id={second.Id}");
        var taken = await session.SubmitAsync(page, "form[action*='handler=Roles']", fields);
        Assert.Equal("This institution already has a liaison officer.", taken.FieldError("IsLiaison"));
    }

    [Fact]
    public async Task Disabling_from_the_screen_ends_the_users_session_and_resetting_mfa_takes_the_password_too()
    {
        using var admin = await AdminSessionAsync();
        var user = await app.CreateUserAsync(InstitutionKind.Prosecution, [RoleCatalog.Prosecutor]);
        using var victim = app.NewSession();
        await victim.SignInAsync(app, user);

        var page = await admin.GetAsync($"/Admin/Users/Edit?id={user.Id}");
        page = await admin.SubmitAsync(page, "form[action*='handler=Disable']");
        Assert.Contains("Disabled", page.Text, StringComparison.Ordinal);
        Assert.Equal("/Account/SignIn", (await victim.GetAsync("/")).Path);

        page = await admin.SubmitAsync(page, "form[action*='handler=Disable']");
        // A lost second factor (ASVS 6.4.4): the factors and the password go; the prosecution's responsible person issues
        // the new password, so the old one (which whoever asked may have phished) cannot enrol a new factor.
        page = await admin.SubmitAsync(page, "form[action*='handler=ResetMfa']");
        Assert.Null(page.Document.QuerySelector("[data-temporary-password]"));
        Assert.Contains("The institution's responsible person issues the new temporary password", page.Text, StringComparison.Ordinal);
        using (var again = app.NewSession())
            Assert.Equal("/Account/SignIn", (await again.PasswordAsync(user.UserName, user.Password)).Path);
        Assert.Equal([Ariadne.Web.Features.Staff.AccountChange.Password], await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AccountChanges
            .Where(c => c.UserId == user.Id && c.DecidedAt == null).Select(c => c.Kind).ToListAsync()));

        // In the platform administration (no responsible person confirms), the administrator is shown a temporary password:
        // it opens only the password change, and after it the enrolment of a new factor.
        var colleague = await app.CreateUserAsync(InstitutionKind.PlatformAdministration, []);
        page = await admin.SubmitAsync(await admin.GetAsync($"/Admin/Users/Edit?id={colleague.Id}"), "form[action*='handler=ResetMfa']");
        var temporary = page.Document.QuerySelector("[data-temporary-password]")!.TextContent.Trim();
        using var colleagueSession = app.NewSession();
        Assert.Equal("/Account/SignIn", (await colleagueSession.PasswordAsync(colleague.UserName, colleague.Password)).Path);
        Assert.Equal("/Account/ChangePassword", (await colleagueSession.PasswordAsync(colleague.UserName, temporary)).Path);
    }

    [Fact]
    public async Task The_administrator_cannot_disable_their_own_account()
    {
        var admin = await app.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);
        using var session = app.NewSession();
        await session.SignInAsync(app, admin);
        var page = await session.GetAsync($"/Admin/Users/Edit?id={admin.Id}");
        var refused = await session.SubmitAsync(page, "form[action*='handler=Disable']");
        Assert.Equal("You cannot disable your own account.", Assert.Single(refused.Errors));
    }

    [Fact]
    public async Task Users_are_found_by_part_of_their_name()
    {
        using var session = await AdminSessionAsync();
        var marker = "Zərif" + Guid.NewGuid().ToString("N")[..4];
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var user = await app.CreateUserAsync(InstitutionKind.ExecutiveBody, [RoleCatalog.ExecutiveOfficer]);
            ids.Add(user.Id);
            await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, marker + " " + i)));
        }
        var page = await session.GetAsync("/Admin/Users?Search=" + Uri.EscapeDataString(marker.ToLowerInvariant()));
        Assert.Equal(3, page.Document.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Accounts found: 3.", page.Text, StringComparison.Ordinal);
    }

    private Task<List<string>> RolesOf(Guid userId) =>
        app.WithScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            return (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync();
        });
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class AdminTestsOnSqlite(SqliteApp app) : AdminTests(app), IClassFixture<SqliteApp>;
