using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Re-authentication before changing one's factors or creating an API token (ASVS 7.5.1, 7.5.3): a session whose
/// factors were proved more than 5 minutes ago is sent to "Confirm it is you", and nothing changes until it does.
/// </summary>
public abstract class ReauthenticationTests(AriadneApp app)
{
    private Task<TestUser> NewUserAsync() =>
        app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);

    private Task<string?> RecoveryCodesAsync(Guid userId) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.Name == "RecoveryCodes").Select(t => t.Value).SingleOrDefaultAsync());

    [Fact]
    public async Task Right_after_sign_in_the_security_pages_open_and_six_minutes_later_each_asks_to_confirm_and_changes_nothing()
    {
        var user = await NewUserAsync();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        Assert.Equal("/Account/Security", (await session.GetAsync("/Account/Security")).Path);
        Assert.Equal("/Account/Tokens", (await session.GetAsync("/Account/Tokens")).Path);
        var security = await session.GetAsync("/Account/Security");

        app.Time.Advance(TimeSpan.FromMinutes(6));
        var codesBefore = await RecoveryCodesAsync(user.Id);
        var tokensBefore = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().ApiTokens.CountAsync(t => t.UserId == user.Id));

        // A post from the page opened earlier: sent to confirm, and back to the page (by GET) afterwards.
        var newCodes = await session.SubmitAsync(security, "form[action='/Account/Mfa/RecoveryCodes']");
        Assert.Equal("/Account/Reauthenticate", newCodes.Path);
        Assert.Equal("Confirm it is you", newCodes.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("/Account/Mfa/RecoveryCodes", newCodes.Document.QuerySelector("input[name='ReturnUrl']")!.GetAttribute("value"));
        Assert.Equal(codesBefore, await RecoveryCodesAsync(user.Id));

        foreach (var path in new[] { "/Account/Security", "/Account/Tokens", "/Account/Mfa/Setup" })
        {
            var page = await session.GetAsync(path);
            Assert.Equal("/Account/Reauthenticate", page.Path);
            Assert.Equal(path, page.Document.QuerySelector("input[name='ReturnUrl']")!.GetAttribute("value"));
        }
        var forged = await session.Client.PostAsync("/Account/Tokens?handler=Create",
            new FormUrlEncodedContent([new("__csrf", security.Document.QuerySelector("input[name='__csrf']")!.GetAttribute("value")!), new("Input.Name", "x"), new("Input.Scopes", "cases.read"), new("Input.Days", "30")]));
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.StartsWith("/Account/Reauthenticate", forged.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(tokensBefore, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().ApiTokens.CountAsync(t => t.UserId == user.Id)));
        // An authenticator waiting to replace the enrolled one was not even started.
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().UserTokens.AnyAsync(t => t.UserId == user.Id && t.Name == "PendingAuthenticatorKey")));
    }

    [Fact]
    public async Task A_wrong_password_or_code_is_refused_counted_and_audited_and_the_right_ones_open_the_page_for_five_minutes()
    {
        var user = await NewUserAsync();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        app.Time.Advance(TimeSpan.FromMinutes(6));
        var ask = await session.GetAsync("/Account/Security");
        Assert.Equal("/Account/Reauthenticate", ask.Path);

        // Empty: both fields named, at the top and beside each.
        var empty = await session.SubmitAsync(ask, "form.app-form", new Dictionary<string, string> { ["Password"] = "", ["Code"] = "" });
        Assert.Equal(2, empty.Errors.Count);
        Assert.NotNull(empty.FieldError("Password"));
        Assert.NotNull(empty.FieldError("Code"));

        app.Time.Advance(TimeSpan.FromSeconds(30));
        var wrong = await session.SubmitAsync(ask, "form.app-form", new Dictionary<string, string> { ["Password"] = "Not-The-Password-At-All-1", ["Code"] = app.TotpNow(user.AuthenticatorKey!) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("The password or the authenticator code is not right, or the code was already used.", wrong.FieldError("Password"));
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync()));
        var wrongCode = await session.SubmitAsync(ask, "form.app-form", new Dictionary<string, string> { ["Password"] = user.Password, ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.Status);
        Assert.Equal(2, await FailuresAsync(user.Id)); // a wrong code counts like a wrong password
        Assert.Equal("/Account/Reauthenticate", (await session.GetAsync("/Account/Security")).Path);

        app.Time.Advance(TimeSpan.FromSeconds(30));
        var done = await session.SubmitAsync(ask, "form.app-form", new Dictionary<string, string> { ["Password"] = user.Password, ["Code"] = app.TotpNow(user.AuthenticatorKey!) });
        Assert.Equal("/Account/Security", done.Path);
        Assert.Equal(0, await FailuresAsync(user.Id));
        var events = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.ActorUserId == user.Id && e.Purpose == "reauthentication").OrderBy(e => e.Sequence).Select(e => e.Outcome).ToListAsync());
        Assert.Equal([AuditOutcome.Failed, AuditOutcome.Failed, AuditOutcome.Allowed], events);

        // Now the factors can change: new recovery codes are made.
        var codesBefore = await RecoveryCodesAsync(user.Id);
        Assert.Equal("/Account/Mfa/RecoveryCodes", (await session.SubmitAsync(done, "form[action='/Account/Mfa/RecoveryCodes']")).Path);
        Assert.NotEqual(codesBefore, await RecoveryCodesAsync(user.Id));

        // For five minutes from the confirmation, not from the sign-in; a refresh of the session keeps the moment.
        app.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("/Account/Security", (await session.GetAsync("/Account/Security")).Path);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("/Account/Reauthenticate", (await session.GetAsync("/Account/Security")).Path);
    }

    /// <summary>Confirms the user's factors on the page that asked, and returns the page it sends back to.</summary>
    private async Task<WebSession.Page> ConfirmAsync(WebSession session, WebSession.Page ask, TestUser user)
    {
        app.Time.Advance(TimeSpan.FromSeconds(30)); // the next TOTP step: each is accepted once
        return await session.SubmitAsync(ask, "form.app-form", new Dictionary<string, string> { ["Password"] = user.Password, ["Code"] = app.TotpNow(user.AuthenticatorKey!) });
    }

    private static async Task<string> RedirectOfAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Administration_account_approvals_and_exports_ask_to_confirm_after_five_minutes_and_do_nothing_until_then()
    {
        // The administrator: the lists open freely; opening a user's or an institution's form, or acting from an old one, asks.
        var admin = await app.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);
        var target = await NewUserAsync();
        using var session = app.NewSession();
        await session.SignInAsync(app, admin);
        var edit = await session.GetAsync($"/Admin/Users/Edit?id={target.Id}");
        Assert.Equal("/Admin/Users/Edit", edit.Path);
        app.Time.Advance(TimeSpan.FromMinutes(6));
        var disable = await session.SubmitAsync(edit, "form[action*='handler=Disable']");
        Assert.Equal("/Account/Reauthenticate", disable.Path);
        Assert.Equal("/Admin/Users/Edit", disable.Document.QuerySelector("input[name='ReturnUrl']")!.GetAttribute("value"));
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == target.Id).Select(u => u.IsDisabled).SingleAsync()));
        foreach (var path in new[] { "/Admin/Users/Create", $"/Admin/Users/Edit?id={target.Id}", "/Admin/Institutions/Edit", $"/Admin/Institutions/Edit?id={target.InstitutionId}" })
        {
            var page = await session.GetAsync(path);
            Assert.Equal("/Account/Reauthenticate", page.Path);
            Assert.Equal(path, page.Document.QuerySelector("input[name='ReturnUrl']")!.GetAttribute("value"));
        }
        Assert.Equal("/Admin/Users", (await session.GetAsync("/Admin/Users")).Path);
        Assert.Equal("/Admin/Institutions", (await session.GetAsync("/Admin/Institutions")).Path);
        var back = await ConfirmAsync(session, await session.GetAsync($"/Admin/Users/Edit?id={target.Id}"), admin);
        Assert.Equal("/Admin/Users/Edit", back.Path);
        Assert.NotNull(back.Document.QuerySelector("form[action*='handler=Disable']"));

        // The head of an institution: the confirmations list opens; deciding from it asks, and decides nothing.
        var chief = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.SquadChief], [TrainingTopic.AntiTrafficking]);
        using var chiefSession = app.NewSession();
        await chiefSession.SignInAsync(app, chief);
        app.Time.Advance(TimeSpan.FromMinutes(6));
        var confirmations = await chiefSession.GetAsync("/Staff/Confirmations");
        Assert.Equal("/Staff/Confirmations", confirmations.Path);
        var csrf = confirmations.Document.QuerySelector("input[name='__csrf']")?.GetAttribute("value")
            ?? (await chiefSession.GetAsync("/Account/Password")).Document.QuerySelector("input[name='__csrf']")!.GetAttribute("value")!;
        Assert.StartsWith("/Account/Reauthenticate", await RedirectOfAsync(chiefSession.Client.PostAsync($"/Staff/Confirmations?id={Guid.NewGuid()}&approve=true",
            new FormUrlEncodedContent([new("__csrf", csrf)]))), StringComparison.Ordinal);

        // The investigator: the evidence page and the link chart open; the download and the FollowTheMoney export ask, and
        // until then no file is served and no custody event is written.
        var (investigator, view) = await app.NewCaseAsync();
        var viewer = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        var (fileId, fileErrors) = await app.WithScopeAsync(sp => sp.GetRequiredService<Ariadne.Web.Features.Investigation.CriminalFiles>().OpenAsync(viewer, [RoleCatalog.Investigator],
            new Ariadne.Web.Features.Investigation.CriminalFiles.OpenInput { Title = "Operation Karvan", Offences = ["144-1.1"], Summary = "Recruitment for work abroad" }));
        Assert.Empty(fileErrors);
        var pdf = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n% ledger {Guid.NewGuid()}\n%%EOF\n");
        var (itemId, itemErrors) = await app.WithScopeAsync(sp => sp.GetRequiredService<Ariadne.Web.Features.Investigation.EvidenceLocker>().TakeInAsync(viewer, fileId!.Value,
            new() { Description = "Ledger seized at the flat", Location = "Evidence room 2" }, "ledger.pdf", "application/pdf", pdf));
        Assert.Empty(itemErrors!);
        Task<int> CustodyAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Set<Ariadne.Web.Features.Investigation.CustodyEvent>().CountAsync(c => c.ItemId == itemId));
        var custody = await CustodyAsync();
        using var squad = app.NewSession();
        await squad.SignInAsync(app, investigator);
        app.Time.Advance(TimeSpan.FromMinutes(6));
        var evidence = await squad.GetAsync($"/Investigations/Evidence/{itemId}");
        Assert.Equal($"/Investigations/Evidence/{itemId}", evidence.Path);
        var ask = await squad.SubmitAsync(evidence, "form[action*='handler=Download']", follow: true);
        Assert.Equal("/Account/Reauthenticate", ask.Path);
        Assert.Equal($"/Investigations/Evidence/{itemId}", ask.Document.QuerySelector("input[name='ReturnUrl']")!.GetAttribute("value"));
        Assert.Equal(custody, await CustodyAsync());
        var graph = await squad.GetAsync($"/Investigations/Graph/{fileId}");
        Assert.Equal($"/Investigations/Graph/{fileId}", graph.Path);
        // The export form is not even offered: a link to confirm first (the form's answers would be lost on the way); a post
        // from an older page asks too.
        Assert.Null(graph.Document.QuerySelector("form[data-export-form]"));
        Assert.NotNull(graph.Document.QuerySelector("[data-export-confirm]"));
        Assert.StartsWith("/Account/Reauthenticate", await RedirectOfAsync(squad.Client.PostAsync($"/Investigations/Graph/{fileId}?handler=Export",
            new FormUrlEncodedContent([new("__csrf", evidence.Document.QuerySelector("input[name='__csrf']")!.GetAttribute("value")!), new("Export.LegalBasis", "CriminalProceedings"), new("Export.Reference", "x")]))), StringComparison.Ordinal);
        // Confirmed: back on the evidence page, and the download is served and recorded.
        evidence = await ConfirmAsync(squad, ask, investigator);
        Assert.Equal($"/Investigations/Evidence/{itemId}", evidence.Path);
        using (var download = await squad.Client.PostAsync($"/Investigations/Evidence/{itemId}?handler=Download",
            new FormUrlEncodedContent([new("__csrf", evidence.Document.QuerySelector("form[action*='handler=Download'] input[name='__csrf']")!.GetAttribute("value")!)])))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        }
        Assert.Equal(custody + 1, await CustodyAsync());

        // The auditor: who reached a case shows on the page; its export asks.
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        using var oversight = app.NewSession();
        await oversight.SignInAsync(app, auditor);
        app.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("/Oversight/CaseAccess", (await oversight.GetAsync($"/Oversight/CaseAccess?Number={view.Number}")).Path);
        var exported = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.CountAsync(e => e.ActorUserId == auditor.Id && e.Action == PlatformAudit.AuditExported.Code));
        var exportAsk = await oversight.GetAsync($"/Oversight/CaseAccess?Number={view.Number}&handler=Export");
        Assert.Equal("/Account/Reauthenticate", exportAsk.Path);
        Assert.Equal(exported, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.CountAsync(e => e.ActorUserId == auditor.Id && e.Action == PlatformAudit.AuditExported.Code)));
    }

    [Fact]
    public async Task The_security_page_lists_the_recent_sign_ins_and_signs_out_everywhere_else()
    {
        // ASVS 7.5.2: a stranger's attempt and another session are visible, and one button ends every other session.
        var user = await NewUserAsync();
        using (var stranger = app.NewSession())
            Assert.Equal("/Account/SignIn", (await stranger.PasswordAsync(user.UserName, "Wrong-Password-Number-9")).Path);
        using var other = app.NewSession();
        await other.SignInAsync(app, user);
        using var session = app.NewSession();
        await session.SignInAsync(app, user);

        var page = await session.GetAsync("/Account/Security");
        var rows = page.Document.QuerySelectorAll("[data-recent-sign-ins] tbody tr").Select(r => r.TextContent).ToList();
        // Newest first: this sign-in's code and password steps, the other session's two, the stranger's failure.
        Assert.Equal(5, rows.Count);
        Assert.Contains("Signing in with an authenticator code", rows[0], StringComparison.Ordinal);
        Assert.Contains("Waiting for the second factor", rows[1], StringComparison.Ordinal);
        Assert.Contains("Sign-in failed", rows[4], StringComparison.Ordinal);

        var ended = await session.SubmitAsync(page, "form[data-end-other-sessions]");
        Assert.Equal("/Account/Security", ended.Path);
        Assert.Contains("Every other session of your account has ended", ended.Text, StringComparison.Ordinal);
        Assert.Equal("/Account/SignIn", (await other.GetAsync("/Cases")).Path);
        Assert.Equal("/Cases", (await session.GetAsync("/Cases")).Path);
        // Older than five minutes, the page (and so the button) asks to confirm first.
        app.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("/Account/Reauthenticate", (await session.SubmitAsync(ended, "form[data-end-other-sessions]")).Path);
    }

    private Task<int> FailuresAsync(Guid userId) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == userId).Select(u => u.AccessFailedCount).SingleAsync());

    [Fact]
    public async Task Neither_reauthentication_nor_break_glass_lets_anyone_guess_codes_and_a_locked_account_proves_nothing()
    {
        var (_, view) = await app.NewCaseAsync();
        var prosecutor = await app.CreateUserAsync(InstitutionKind.Prosecution, [RoleCatalog.Prosecutor]);
        using var session = app.NewSession();
        await session.SignInAsync(app, prosecutor);
        var form = await session.GetAsync("/Cases/BreakGlass");
        var fields = new Dictionary<string, string>
        {
            ["CaseNumber"] = "NO-SUCH-CASE",
            ["Reason"] = "ImminentDangerToLife",
            ["Explanation"] = "The victim called from an unknown place and is in danger.",
            ["Password"] = prosecutor.Password,
        };
        // The right password with wrong codes, five times: each counts, and the account locks.
        for (var i = 0; i < 5; i++)
        {
            fields["Code"] = (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await session.SubmitAsync(form, "form.app-form", fields);
        }
        Assert.Equal(5, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .CountAsync(e => e.ActorUserId == prosecutor.Id && e.Action == PlatformAudit.BreakGlassOpened.Code && e.Outcome == AuditOutcome.Failed)));
        Assert.NotNull(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == prosecutor.Id).Select(u => u.LockoutEnd).SingleAsync()));

        // Locked: the right password and a fresh code prove nothing, on break-glass or on "Confirm it is you".
        app.Time.Advance(TimeSpan.FromSeconds(30));
        fields["CaseNumber"] = view.Number;
        fields["Code"] = app.TotpNow(prosecutor.AuthenticatorKey!);
        var refused = await session.SubmitAsync(form, "form.app-form", fields);
        Assert.Contains("The password or the authenticator code is not right.", refused.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/Cases/Detail?id={view.Id}")).Status);
        app.Time.Advance(TimeSpan.FromMinutes(6));
        var ask = await session.GetAsync("/Account/Security");
        Assert.Equal("/Account/Reauthenticate", ask.Path);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var locked = await session.SubmitAsync(ask, "form.app-form", new Dictionary<string, string> { ["Password"] = prosecutor.Password, ["Code"] = app.TotpNow(prosecutor.AuthenticatorKey!) });
        Assert.Equal(HttpStatusCode.BadRequest, locked.Status);
        Assert.Equal("/Account/Reauthenticate", (await session.GetAsync("/Account/Security")).Path);
    }

    [Fact]
    public async Task A_break_glass_attempt_on_a_case_that_does_not_exist_does_not_count_as_a_confirmation()
    {
        var prosecutor = await app.CreateUserAsync(InstitutionKind.Prosecution, [RoleCatalog.Prosecutor]);
        using var session = app.NewSession();
        await session.SignInAsync(app, prosecutor);
        app.Time.Advance(TimeSpan.FromMinutes(6));
        var form = await session.GetAsync("/Cases/BreakGlass");
        var missing = await session.SubmitAsync(form, "form.app-form", new Dictionary<string, string>
        {
            ["CaseNumber"] = "NO-SUCH-CASE",
            ["Reason"] = "ImminentDangerToLife",
            ["Explanation"] = "The victim called from an unknown place and is in danger.",
            ["Password"] = prosecutor.Password,
            ["Code"] = app.TotpNow(prosecutor.AuthenticatorKey!),
        });
        Assert.NotNull(missing.FieldError("CaseNumber"));
        Assert.Equal("/Account/Reauthenticate", (await session.GetAsync("/Account/Tokens")).Path);
    }

    [Fact]
    public async Task Removing_a_passkey_with_no_id_or_one_that_is_not_ones_own_changes_nothing()
    {
        var user = await NewUserAsync();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        var security = await session.GetAsync("/Account/Security");
        var token = security.Document.QuerySelector("input[name='__csrf']")!.GetAttribute("value")!;
        var stamp = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == user.Id).Select(u => u.SecurityStamp).SingleAsync());
        foreach (var (query, status) in new[] { ("", HttpStatusCode.BadRequest), ("&id=", HttpStatusCode.BadRequest), ("&id=%25%25", HttpStatusCode.BadRequest), ("&id=AQIDBA%3D%3D", HttpStatusCode.NotFound) })
            Assert.Equal(status, (await session.Client.PostAsync("/Account/Security?handler=RemovePasskey" + query, new FormUrlEncodedContent([new("__csrf", token)]))).StatusCode);
        Assert.Equal(stamp, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == user.Id).Select(u => u.SecurityStamp).SingleAsync()));
    }

    [Fact]
    public async Task A_new_passkey_is_offered_only_approved_signature_algorithms_never_rsassa_pkcs1_v1_5()
    {
        var user = await NewUserAsync();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        var security = await session.GetAsync("/Account/Security");
        var token = security.Document.QuerySelector("input[name='__csrf']")!.GetAttribute("value")!;
        var response = await session.Client.PostAsync("/Account/Security?handler=PasskeyOptions", new FormUrlEncodedContent([new("__csrf", token)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var options = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var algorithms = options.RootElement.GetProperty("pubKeyCredParams").EnumerateArray().Select(p => p.GetProperty("alg").GetInt32()).ToList();
        Assert.Contains(-7, algorithms); // ES256, which every platform authenticator offers
        Assert.All(algorithms, a => Assert.Contains(a, Ariadne.Web.Platform.Security.PasskeyAlgorithms.Approved));
        Assert.DoesNotContain(-257, algorithms);
    }

    [Fact]
    public async Task The_return_address_is_kept_on_this_site()
    {
        var user = await NewUserAsync();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        app.Time.Advance(TimeSpan.FromMinutes(6));
        var ask = await session.GetAsync("/Account/Reauthenticate?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var done = await session.SubmitAsync(ask, "form.app-form", new Dictionary<string, string> { ["Password"] = user.Password, ["Code"] = app.TotpNow(user.AuthenticatorKey!) });
        Assert.Equal("/", done.Path);
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class ReauthenticationTestsOnSqlite(SqliteApp app) : ReauthenticationTests(app), IClassFixture<SqliteApp>;
