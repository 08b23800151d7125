using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Issue 9, items 4–7: the platform administrator never reaches case data, account changes wait for the
/// institution's responsible person, nobody grants themselves a relation, credential resets revoke API
/// tokens, and every administrative action ends the user's sessions — on both databases.
/// </summary>
public abstract class SeparationOfDutiesTests(AriadneApp app)
{
    private async Task<(TestUser User, WebSession Session)> AdminAsync()
    {
        var admin = await app.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);
        return (admin, await app.SessionAsync(admin));
    }

    private Task<Guid> NewInstitutionAsync(InstitutionKind kind) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var institution = new Institution { Name = "Fresh " + kind, Code = "F" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), Kind = kind };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
            return institution.Id;
        });

    private async Task<TestUser> MoveAsync(TestUser user, Guid institutionId)
    {
        await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.InstitutionId, institutionId)));
        return user with { InstitutionId = institutionId };
    }

    private Task<List<string>> RolesOf(Guid userId) =>
        app.WithScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            return (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync();
        });

    private Task<Guid> UserIdAsync(string userName) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<Guid> PendingChangeAsync(Guid userId, string kind) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AccountChanges
            .Where(c => c.UserId == userId && c.Kind == kind && c.DecidedAt == null).Select(c => c.Id).SingleAsync());

    private HttpClient Api(string token)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// The training a role needs, as it now comes: a certificate recorded by the Coordinator's office in the training module
    /// (an external one here), never by the administrator. Returns the certificate's id.
    /// </summary>
    private async Task<Guid> CertifyAsync(Guid userId, TrainingTopic topic)
    {
        var coordinator = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]);
        var (id, errors) = await app.WithScopeAsync(sp => sp.GetRequiredService<Ariadne.Web.Features.Training.Trainings>().AddExternalAsync(
            CaseSteps.ViewerOf(coordinator, RoleCatalog.Coordinator), [RoleCatalog.Coordinator], new()
            {
                UserId = userId,
                Topic = topic,
                CourseTitle = "İnsan alveri ilə mübarizə",
                IssuingBody = "ATƏT",
                Number = "OSCE-" + topic,
                Reference = "MK-ARXIV-2026/1",
                IssuedOn = new DateOnly(2026, 10, 1),
            }));
        Assert.Empty(errors!);
        return id!.Value;
    }

    private async Task<WebSession.Page> CreateAccountAsync(WebSession admin, string name, Guid institutionId)
    {
        var form = await admin.GetAsync("/Admin/Users/Create");
        return await admin.SubmitAsync(form, "form.app-form", new Dictionary<string, string>
        {
            ["Input.UserName"] = name,
            ["Input.DisplayName"] = "Test " + name,
            ["Input.InstitutionId"] = institutionId.ToString(),
        });
    }

    [Fact]
    public async Task The_administrator_reaches_no_case_referral_or_identity_by_any_path()
    {
        var (_, view) = await app.NewCaseAsync(CaseSteps.SampleInput("Adm"));
        var border = await app.BorderOfficerAsync();
        var referral = await app.ReferAsync(border, ReferralSteps.SampleReferral("Adm"));
        var squad = (await app.SquadChiefAsync()).InstitutionId;
        var (adminUser, admin) = await AdminAsync();
        using var _ = admin;
        var seen = new List<string>();
        async Task<WebSession.Page> Look(Task<WebSession.Page> request)
        {
            var page = await request;
            seen.Add(page.Html);
            return page;
        }

        // 1. A new account in the Squad: no password for the administrator, no training from the administrator; the role waits for the Squad.
        var name = "fake" + Guid.NewGuid().ToString("N")[..6];
        var created = await Look(CreateAccountAsync(admin, name, squad));
        Assert.StartsWith("/Admin/Users/Edit", created.Path, StringComparison.Ordinal);
        Assert.Null(created.Document.QuerySelector("[data-temporary-password]"));
        var fakeId = await UserIdAsync(name);
        Assert.Null(created.Document.QuerySelector("form[action*='handler=AddTraining']"));
        await CertifyAsync(fakeId, TrainingTopic.AntiTrafficking);
        var trained = await Look(admin.GetAsync($"/Admin/Users/Edit?id={fakeId}"));
        var asked = await Look(admin.SubmitAsync(trained, "form[action*='handler=Roles']", new Dictionary<string, string> { ["Roles"] = RoleCatalog.SquadChief }));
        Assert.Empty(asked.Errors);
        Assert.NotNull(asked.Document.QuerySelector("[data-pending]"));
        Assert.Empty(await RolesOf(fakeId));
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Trainings.AnyAsync(t => t.UserId == fakeId && t.CertificateId == null)));
        using (var guess = app.NewSession())
            Assert.Equal("/Account/SignIn", (await guess.PasswordAsync(name, AriadneApp.Password)).Path);

        // 2. A role for an existing, certified member (as if the administrator knew their password): no effect until confirmed.
        var member = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, []);
        await CertifyAsync(member.Id, TrainingTopic.AntiTrafficking);
        var edit = await Look(admin.GetAsync($"/Admin/Users/Edit?id={member.Id}"));
        edit = await Look(admin.SubmitAsync(edit, "form[action*='handler=Roles']", new Dictionary<string, string> { ["Roles"] = RoleCatalog.SquadChief }));
        Assert.Empty(await RolesOf(member.Id));
        using (var memberSession = await app.SessionAsync(member))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await memberSession.GetAsync($"/Cases/Detail?id={view.Id}")).Status);
            var desk = await memberSession.GetAsync("/Referrals");
            Assert.DoesNotContain(referral.Number, desk.Html, StringComparison.Ordinal);
        }
        using (var memberApi = Api(await app.TokenAsync(member, "cases.read referrals.read")))
        {
            Assert.DoesNotContain(view.Number, await memberApi.GetStringAsync("/api/v1/cases"), StringComparison.Ordinal);
            Assert.NotEqual(HttpStatusCode.OK, (await memberApi.GetAsync($"/api/v1/cases/{view.Id}")).StatusCode);
        }

        // 3. A password reset of a confirmed chief: nothing for the administrator; the old password, sessions and tokens end.
        var chief = await app.SquadChiefAsync();
        using var chiefSession = await app.SessionAsync(chief);
        using var chiefApi = Api(await app.TokenAsync(chief, "cases.read"));
        Assert.Equal(HttpStatusCode.OK, (await chiefApi.GetAsync("/api/v1/cases")).StatusCode);
        edit = await Look(admin.GetAsync($"/Admin/Users/Edit?id={chief.Id}"));
        var reset = await Look(admin.SubmitAsync(edit, "form[action*='handler=ResetPassword']"));
        Assert.Null(reset.Document.QuerySelector("[data-temporary-password]"));
        Assert.Equal("/Account/SignIn", (await chiefSession.GetAsync("/")).Path);
        Assert.Equal(HttpStatusCode.Unauthorized, (await chiefApi.GetAsync("/api/v1/cases")).StatusCode);
        using (var old = app.NewSession())
            Assert.Equal("/Account/SignIn", (await old.PasswordAsync(chief.UserName, chief.Password)).Path);

        // 4. A second-factor reset: nothing for the administrator, the chief's tokens are revoked, and the password goes too
        // (its replacement comes from the responsible person, as a password reset's).
        var chief2 = await app.SquadChiefAsync();
        using var chief2Api = Api(await app.TokenAsync(chief2, "cases.read"));
        edit = await Look(admin.GetAsync($"/Admin/Users/Edit?id={chief2.Id}"));
        var mfa = await Look(admin.SubmitAsync(edit, "form[action*='handler=ResetMfa']"));
        Assert.Null(mfa.Document.QuerySelector("[data-temporary-password]"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await chief2Api.GetAsync("/api/v1/cases")).StatusCode);
        using (var old = app.NewSession())
            Assert.Equal("/Account/SignIn", (await old.PasswordAsync(chief2.UserName, chief2.Password)).Path);

        // 5. The API with the strongest token an administrator could hold, including a new Squad made through it.
        using var adminApi = Api(await app.TokenAsync(adminUser, "admin.read admin.write cases.read cases.write referrals.read referrals.write"));
        var newSquad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/institutions")
        {
            Content = JsonContent.Create(new { name = "Squad by API", code = "S" + Guid.NewGuid().ToString("N")[..8], kind = "AntiTraffickingSquad", isActive = true }),
        };
        newSquad.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, (await adminApi.SendAsync(newSquad)).StatusCode);
        foreach (var url in new[] { "/api/v1/cases", $"/api/v1/cases/{view.Id}", "/api/v1/referrals", $"/api/v1/referrals/{referral.Id}", "/api/v1/cases/search?documentNumber=AZE99Adm887766" })
        {
            var response = await adminApi.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(view.Number, body, StringComparison.Ordinal);
            Assert.DoesNotContain(referral.Number, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Zülfiyyə", body, StringComparison.Ordinal);
        }

        // 6. Disable and re-enable the pending account: still no password, no role.
        edit = await Look(admin.GetAsync($"/Admin/Users/Edit?id={fakeId}"));
        edit = await Look(admin.SubmitAsync(edit, "form[action*='handler=Disable']"));
        edit = await Look(admin.SubmitAsync(edit, "form[action*='handler=Disable']"));
        Assert.Empty(await RolesOf(fakeId));
        Assert.False(await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            return await users.HasPasswordAsync((await users.FindByIdAsync(fakeId.ToString()))!);
        }));

        // 7. Moving a user between institutions: no handler does it, a forged field changes nothing.
        var clerk = await app.CreateUserAsync(InstitutionKind.Court, [RoleCatalog.CourtClerk]);
        edit = await Look(admin.GetAsync($"/Admin/Users/Edit?id={clerk.Id}"));
        await Look(admin.SubmitAsync(edit, "form[action*='handler=Details']", new Dictionary<string, string>
        {
            ["DisplayName"] = "Moved?",
            ["InstitutionId"] = squad.ToString(),
            ["Account.InstitutionId"] = squad.ToString(),
        }));
        Assert.Equal(clerk.InstitutionId, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users
            .Where(u => u.Id == clerk.Id).Select(u => u.InstitutionId).SingleAsync()));

        // The administrator's own session sees no case and no referral, and no page showed a person.
        Assert.NotEqual(HttpStatusCode.OK, (await Look(admin.GetAsync($"/Cases/Detail?id={view.Id}"))).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await Look(admin.GetAsync($"/Referrals/Detail?id={referral.Id}"))).Status);
        await Look(admin.GetAsync("/Cases"));
        await Look(admin.GetAsync("/Referrals"));
        foreach (var html in seen)
        {
            Assert.DoesNotContain(view.Number, html, StringComparison.Ordinal);
            Assert.DoesNotContain(referral.Number, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Zülfiyyə", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Leyla", html, StringComparison.Ordinal);
        }

        // Oversight was told of every administrative action.
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Notifications
            .CountAsync(n => n.RecipientRole == RoleCatalog.Auditor && n.Kind == "account-admin-action")) >= 10);
    }

    [Fact]
    public async Task Approvals_sent_at_once_decide_once_and_give_one_temporary_password()
    {
        var chief = await app.SquadChiefAsync();
        var (_, admin) = await AdminAsync();
        using var _ = admin;
        var name = "twin" + Guid.NewGuid().ToString("N")[..6];
        await CreateAccountAsync(admin, name, chief.InstitutionId);
        var newId = await UserIdAsync(name);
        var membership = await PendingChangeAsync(newId, AccountChange.Membership);

        // A double click or a replay: eight approvals of one change at the same moment.
        var decisions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => app.WithScopeAsync(sp =>
            sp.GetRequiredService<AccountConfirmations>().DecideAsync(CaseSteps.ViewerOf(chief, RoleCatalog.SquadChief), membership, true)))));
        var winner = Assert.Single(decisions, d => d.ErrorKey is null);
        Assert.NotNull(winner.TemporaryPassword);
        Assert.All(decisions.Where(d => d != winner), d => Assert.Equal(("Confirm_NotFound", (string?)null), (d.ErrorKey, d.TemporaryPassword)));
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .CountAsync(e => e.TargetId == newId && e.Purpose == "confirm.membership.approved")));
        using var newcomer = app.NewSession();
        Assert.Equal("/Account/ChangePassword", (await newcomer.PasswordAsync(name, winner.TemporaryPassword)).Path);
    }

    [Fact]
    public async Task The_responsible_person_confirms_membership_and_alone_receives_the_temporary_password()
    {
        var chief = await app.SquadChiefAsync();
        var (adminUser, admin) = await AdminAsync();
        using var _ = admin;
        var name = "new" + Guid.NewGuid().ToString("N")[..6];
        await CreateAccountAsync(admin, name, chief.InstitutionId);
        var newId = await UserIdAsync(name);
        var membership = await PendingChangeAsync(newId, AccountChange.Membership);

        // The administrator cannot confirm, not even by a direct call.
        Assert.Null((await admin.GetAsync("/Staff/Confirmations")).Document.QuerySelector($"#change-{membership}"));
        var byAdmin = await app.WithScopeAsync(sp => sp.GetRequiredService<AccountConfirmations>()
            .DecideAsync(CaseSteps.ViewerOf(adminUser, RoleCatalog.Administrator), membership, true));
        Assert.Equal("Confirm_NotFound", byAdmin.ErrorKey);

        using var chiefSession = await app.SessionAsync(chief);
        var pending = await chiefSession.GetAsync("/Staff/Confirmations");
        Assert.NotNull(pending.Document.QuerySelector($"#change-{membership}"));
        var approved = await chiefSession.SubmitAsync(pending, $"form[action*='{membership}'][action*='approve=true']");
        Assert.Equal("The change is approved and in effect.", approved.Document.QuerySelector(".app-notice[role=status]:not(.warning)")?.TextContent.Trim());
        var password = approved.Document.QuerySelector("[data-temporary-password]")!.TextContent;
        Assert.True(password.Length >= 20);
        Assert.Null((await chiefSession.GetAsync("/Staff/Confirmations")).Document.QuerySelector("[data-temporary-password]"));
        using (var newcomer = app.NewSession())
            Assert.Equal("/Account/ChangePassword", (await newcomer.PasswordAsync(name, password)).Path);

        // Deciding twice is refused with a clear message, and nothing changes.
        var twice = await chiefSession.SubmitAsync(pending, $"form[action*='{membership}'][action*='approve=true']");
        Assert.Equal("This change is not waiting for your confirmation (it was decided already, or you may not confirm it).", Assert.Single(twice.Errors));

        // A chief never confirms a change to their own account.
        var edit = await admin.GetAsync($"/Admin/Users/Edit?id={chief.Id}");
        await admin.SubmitAsync(edit, "form[action*='handler=Roles']", new Dictionary<string, string> { ["Roles"] = WebSession.Many(RoleCatalog.SquadChief, RoleCatalog.Investigator) });
        var own = await PendingChangeAsync(chief.Id, AccountChange.Roles);
        using var chiefAgain = await app.SessionAsync(chief);
        Assert.Null((await chiefAgain.GetAsync("/Staff/Confirmations")).Document.QuerySelector($"#change-{own}"));
        var self = await app.WithScopeAsync(sp => sp.GetRequiredService<AccountConfirmations>()
            .DecideAsync(CaseSteps.ViewerOf(chief, RoleCatalog.SquadChief), own, true));
        Assert.Equal("Confirm_NotFound", self.ErrorKey);
        Assert.Equal([RoleCatalog.SquadChief], await RolesOf(chief.Id));

        // The decision is audited and oversight is told.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            Assert.True(await db.AuditEvents.AnyAsync(e => e.TargetId == newId && e.Purpose == "confirm.membership.approved" && e.ActorUserId == chief.Id));
            Assert.True(await db.Notifications.AnyAsync(n => n.RecipientRole == RoleCatalog.Auditor && n.Kind == "account-confirmed"));
        });
    }

    [Fact]
    public async Task Oversight_confirms_for_an_institution_without_a_head_and_training_comes_before_the_role()
    {
        var squad = await NewInstitutionAsync(InstitutionKind.AntiTraffickingSquad);
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var (_, admin) = await AdminAsync();
        using var _ = admin;
        var name = "head" + Guid.NewGuid().ToString("N")[..6];
        await CreateAccountAsync(admin, name, squad);
        var headId = await UserIdAsync(name);
        var certificate = await CertifyAsync(headId, TrainingTopic.AntiTrafficking);
        await admin.SubmitAsync(await admin.GetAsync($"/Admin/Users/Edit?id={headId}"), "form[action*='handler=Roles']",
            new Dictionary<string, string> { ["Roles"] = RoleCatalog.SquadChief });
        var roles = await PendingChangeAsync(headId, AccountChange.Roles);
        // The certificate is revoked before the institution decides: the confirmation checks again and refuses.
        var coordinator = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]);
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<Ariadne.Web.Features.Training.Trainings>().RevokeAsync(
            CaseSteps.ViewerOf(coordinator, RoleCatalog.Coordinator), [RoleCatalog.Coordinator], certificate, "Issued to the wrong person.")))!);

        using var oversight = await app.SessionAsync(auditor, "az");
        var page = await oversight.GetAsync("/Staff/Confirmations");
        var refused = await oversight.SubmitAsync(page, $"form[action*='{roles}'][action*='approve=true']");
        Assert.Equal("Bu rol üçün əvvəlcə qüvvədə olan təlim sertifikatı lazımdır.", Assert.Single(refused.Errors));
        Assert.NotNull(refused.Document.QuerySelector($"#change-{roles}-error"));
        Assert.Empty(await RolesOf(headId));

        // A new certificate, and the role is confirmed.
        await CertifyAsync(headId, TrainingTopic.AntiTrafficking);
        page = await oversight.SubmitAsync(await oversight.GetAsync("/Staff/Confirmations"), $"form[action*='{roles}'][action*='approve=true']");
        Assert.Empty(page.Errors);
        Assert.Equal([RoleCatalog.SquadChief], await RolesOf(headId));

        // Now the Squad has a head: oversight no longer confirms there.
        var next = "next" + Guid.NewGuid().ToString("N")[..6];
        await CreateAccountAsync(admin, next, squad);
        var nextMembership = await PendingChangeAsync(await UserIdAsync(next), AccountChange.Membership);
        Assert.Null((await oversight.GetAsync("/Staff/Confirmations")).Document.QuerySelector($"#change-{nextMembership}"));
    }

    [Fact]
    public async Task Nobody_grants_a_relation_to_themselves_and_another_chief_assigns()
    {
        var (_, view) = await app.NewCaseAsync(CaseSteps.SampleInput("Self"));
        var chief = await app.SquadChiefAsync();
        var other = await app.SquadChiefAsync();
        GrantService.GrantInput Assign(string? userName, Guid? institution = null) => new()
        {
            Relation = Relation.Investigator,
            GranteeUserName = userName,
            GranteeInstitutionId = institution,
            Read = [DataClass.Status, DataClass.Identity],
            Reason = "Assigned to investigate",
        };
        await app.WithScopeAsync(async sp =>
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
            var grants = sp.GetRequiredService<GrantService>();
            var self = await grants.AddAsync(CaseSteps.ViewerOf(chief, RoleCatalog.SquadChief), view.Id, Assign(chief.UserName));
            Assert.Equal("You cannot grant a relation to yourself or to your own institution. Ask another squad chief to assign you.",
                Assert.Single(self[nameof(GrantService.GrantInput.GranteeUserName)]));
            var ownInstitution = await grants.AddAsync(CaseSteps.ViewerOf(chief, RoleCatalog.SquadChief), view.Id, Assign(null, chief.InstitutionId));
            Assert.True(ownInstitution.ContainsKey(nameof(GrantService.GrantInput.GranteeInstitutionId)));
            Assert.False(await sp.GetRequiredService<AriadneDbContext>().Grants.AnyAsync(g => g.CaseId == view.Id && g.GranteeUserId == chief.Id));

            Assert.Empty(await grants.AddAsync(CaseSteps.ViewerOf(other, RoleCatalog.SquadChief), view.Id, Assign(chief.UserName)));
        });
        Assert.NotNull(await app.WithScopeAsync(sp => sp.GetRequiredService<CaseAccess>()
            .RightsAsync(CaseSteps.ViewerOf(chief, RoleCatalog.SquadChief), view.Id)));
    }

    [Fact]
    public async Task A_sole_chief_assigns_themselves_with_a_notice_to_oversight_and_a_place_on_the_review_queue()
    {
        var squad = await NewInstitutionAsync(InstitutionKind.AntiTraffickingSquad);
        var investigator = await MoveAsync(await app.SquadInvestigatorAsync(), squad);
        var view = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
            .CreateAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), CaseSteps.SampleInput("Sole")));
        var chief = await MoveAsync(await app.SquadChiefAsync(), squad);
        var errors = await app.WithScopeAsync(sp => sp.GetRequiredService<GrantService>().AddAsync(
            CaseSteps.ViewerOf(chief, RoleCatalog.SquadChief), view.Id, new GrantService.GrantInput
            {
                Relation = Relation.Investigator,
                GranteeUserName = chief.UserName,
                Read = [DataClass.Status],
                Reason = "No other chief in the unit",
            }));
        Assert.Empty(errors);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            Assert.True(await db.Notifications.AnyAsync(n => n.RecipientRole == RoleCatalog.Auditor && n.Kind == GrantService.SelfAssignmentKind && n.CaseId == view.Id));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.CaseId == view.Id && e.Purpose == GrantService.SelfAssignmentPurpose && e.ActorUserId == chief.Id));
        });
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        using var oversight = await app.SessionAsync(auditor);
        var queue = await oversight.GetAsync("/Oversight/Reviews");
        Assert.Contains(view.Number, queue.Document.QuerySelector("[data-self-assignments]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ResetPassword", "credentials-password-reset")]
    [InlineData("ResetMfa", "credentials-factors-reset")]
    public async Task An_administrators_credential_reset_revokes_the_users_api_tokens_and_tells_them(string handler, string notice)
    {
        var (_, admin) = await AdminAsync();
        using var _ = admin;
        var user = await app.CreateUserAsync(InstitutionKind.Prosecution, [RoleCatalog.Prosecutor]);
        using var api = Api(await app.TokenAsync(user, "profile"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        var edit = await admin.GetAsync($"/Admin/Users/Edit?id={user.Id}");
        await admin.SubmitAsync(edit, $"form[action*='handler={handler}']");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        var kinds = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Notifications
            .Where(n => n.RecipientUserId == user.Id).Select(n => n.Kind).ToListAsync());
        Assert.Equal([notice, "tokens-revoked"], kinds.Order(StringComparer.Ordinal)); // ordinal: "credentials-…" first
    }

    [Fact]
    public async Task Changing_ones_own_password_revokes_ones_api_tokens()
    {
        var user = await app.CreateUserAsync(InstitutionKind.Prosecution, [RoleCatalog.Prosecutor]);
        using var api = Api(await app.TokenAsync(user, "profile"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            var account = (await users.FindByIdAsync(user.Id.ToString()))!;
            Assert.True((await users.ChangePasswordAsync(account, user.Password, "Another-Horse-7-Battery!")).Succeeded);
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Notifications
            .AnyAsync(n => n.RecipientUserId == user.Id && n.Kind == "tokens-revoked")));
    }

    public static TheoryData<string, string> AdminActions => new()
    {
        { "Roles", "remove a role" },
        { "Roles", "ask for a role" },
        { "Disable", "" },
        { "ResetPassword", "" },
        { "ResetMfa", "" },
    };

    [Theory]
    [MemberData(nameof(AdminActions))]
    public async Task Every_administrative_action_ends_the_users_sessions_at_once(string handler, string variant)
    {
        var (_, admin) = await AdminAsync();
        using var _ = admin;
        var user = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator, RoleCatalog.DutyOfficer],
            [TrainingTopic.AntiTrafficking, TrainingTopic.Helpline]);
        using var session = await app.SessionAsync(user);
        Assert.Equal("/", (await session.GetAsync("/")).Path);

        var edit = await admin.GetAsync($"/Admin/Users/Edit?id={user.Id}");
        var values = handler switch
        {
            "Roles" when variant == "remove a role" => new Dictionary<string, string> { ["Roles"] = RoleCatalog.DutyOfficer },
            "Roles" => new Dictionary<string, string> { ["Roles"] = WebSession.Many(RoleCatalog.Investigator, RoleCatalog.DutyOfficer, RoleCatalog.SquadChief) },
            _ => null,
        };
        var done = await admin.SubmitAsync(edit, $"form[action*='handler={handler}']", values);
        Assert.Empty(done.Errors);
        Assert.Equal("/Account/SignIn", (await session.GetAsync("/")).Path);
    }
}

public sealed class SeparationOfDutiesTestsOnSqlite(SqliteApp app) : SeparationOfDutiesTests(app), IClassFixture<SqliteApp>;

public sealed class SeparationOfDutiesTestsOnPostgres(PostgresApp app) : SeparationOfDutiesTests(app), IClassFixture<PostgresApp>;
