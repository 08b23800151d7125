using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Sign-in, MFA, sessions and their limits — through the real pages, on both databases.</summary>
public abstract class SignInTests(AriadneApp app)
{
    private Task<TestUser> NewSquadUser(bool withAuthenticator = true, bool mustChangePassword = false) =>
        app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking],
            withAuthenticator, mustChangePassword);

    private Task<int> FailureNoticesAsync(Guid userId) => app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Notifications
        .CountAsync(n => n.RecipientUserId == userId && n.Kind == Ariadne.Web.Features.Account.SignInNotices.FailedAttempts.Code));

    [Fact]
    public async Task Failed_attempts_since_the_last_sign_in_are_told_to_the_user_once_at_the_next_one()
    {
        var user = await NewSquadUser();
        var other = await NewSquadUser();
        // Someone tries two wrong passwords: nothing is told to anyone yet (no sign-in completed).
        using (var stranger = app.NewSession())
        {
            Assert.Equal("/Account/SignIn", (await stranger.PasswordAsync(user.UserName, "Wrong-Password-Number-1")).Path);
            Assert.Equal("/Account/SignIn", (await stranger.PasswordAsync(user.UserName, "Wrong-Password-Number-2")).Path);
        }
        Assert.Equal(0, await FailureNoticesAsync(user.Id));

        // The user's next sign-in brings one notice, shown among their notifications, and to nobody else.
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        Assert.Equal(1, await FailureNoticesAsync(user.Id));
        var notices = await session.GetAsync("/Notifications");
        Assert.Contains("attempts to sign in to your account that did not complete", notices.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using (var otherSession = app.NewSession())
        {
            await otherSession.SignInAsync(app, other);
            Assert.Equal(0, await FailureNoticesAsync(other.Id));
            Assert.DoesNotContain("did not complete", (await otherSession.GetAsync("/Notifications")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        // A clean sign-in after it tells nothing new.
        using (var again = app.NewSession())
            await again.SignInAsync(app, user);
        Assert.Equal(1, await FailureNoticesAsync(user.Id));

        // A wrong authenticator code is a failed attempt too: told at the sign-in that follows.
        using (var codes = app.NewSession())
        {
            var second = await codes.PasswordAsync(user.UserName, user.Password);
            Assert.Equal("/Account/SignInMfa", second.Path);
            Assert.Equal("/Account/SignInMfa", (await codes.CodeAsync(second, "000000")).Path);
        }
        using (var last = app.NewSession())
            await last.SignInAsync(app, user);
        Assert.Equal(2, await FailureNoticesAsync(user.Id));

        // The right password left without its second step (someone knows it): told too, at the next sign-in by password
        // and code; that sign-in's own password step is not counted against it.
        using (var partial = app.NewSession())
            Assert.Equal("/Account/SignInMfa", (await partial.PasswordAsync(user.UserName, user.Password)).Path);
        using (var next = app.NewSession())
            await next.SignInAsync(app, user);
        Assert.Equal(3, await FailureNoticesAsync(user.Id));
        using (var clean = app.NewSession())
            await clean.SignInAsync(app, user);
        Assert.Equal(3, await FailureNoticesAsync(user.Id));
    }

    [Fact]
    public async Task Password_then_authenticator_code_signs_in()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        var afterPassword = await session.PasswordAsync(user.UserName, user.Password);
        Assert.Equal("/Account/SignInMfa", afterPassword.Path);
        var home = await session.CodeAsync(afterPassword, app.TotpNow(user.AuthenticatorKey!));
        Assert.Equal("/", home.Path);
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("Test " + user.UserName, home.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_step_of_a_sign_in_is_audited_with_its_factor_and_outcome_and_the_failures_too()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        await session.PasswordAsync(user.UserName, "Wrong-Password-123!");
        var step = await session.PasswordAsync(user.UserName, user.Password);
        await session.CodeAsync(step, "000000");
        Assert.Equal("/", (await session.CodeAsync(step, app.TotpNow(user.AuthenticatorKey!))).Path);
        using var recovery = app.NewSession();
        await recovery.PasswordAsync(user.UserName, user.Password);
        await recovery.CodeAsync(await recovery.GetAsync("/Account/SignInMfa?recovery=true"), "NOTAC-ODE00");

        var events = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.ActorUserId == user.Id && (e.Action == PlatformAudit.SignIn.Code || e.Action == PlatformAudit.SignInFailed.Code))
            .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Purpose, e.Outcome, e.At }).ToListAsync());
        Assert.Equal(
            [
                ("sign-in.failed", "password", AuditOutcome.Failed), ("sign-in", "password", AuditOutcome.PendingSecondFactor),
                ("sign-in.failed", "totp", AuditOutcome.Failed), ("sign-in", "totp", AuditOutcome.Allowed),
                ("sign-in", "password", AuditOutcome.PendingSecondFactor), ("sign-in.failed", "recovery-code", AuditOutcome.Failed),
            ],
            events.Select(e => (e.Action, e.Purpose, e.Outcome)));
        Assert.All(events, e => Assert.Equal(app.Time.GetUtcNow(), e.At));
    }

    [Fact]
    public async Task Unknown_account_and_wrong_password_read_exactly_the_same()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        var unknown = await session.PasswordAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], "Some-Password-123!");
        var wrong = await session.PasswordAsync(user.UserName, "Wrong-Password-123!");
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Equal(unknown.Errors, wrong.Errors);
        Assert.Equal("The account name or password is not right, or the account cannot sign in now.", Assert.Single(wrong.Errors));
        Assert.Equal("/Account/SignIn", wrong.Path);
    }

    [Fact]
    public async Task An_account_locks_after_five_failures_and_says_nothing_more()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        for (var i = 0; i < 5; i++)
            await session.PasswordAsync(user.UserName, "Wrong-Password-123!");
        var locked = await session.PasswordAsync(user.UserName, user.Password);
        Assert.Equal("/Account/SignIn", locked.Path);
        Assert.Equal("The account name or password is not right, or the account cannot sign in now.", Assert.Single(locked.Errors));
        var lockoutEnd = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users
            .Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
    }

    [Fact]
    public async Task A_code_is_usable_once_and_the_window_is_one_step_either_side()
    {
        var user = await NewSquadUser();
        var key = user.AuthenticatorKey!;

        using (var first = app.NewSession())
        {
            var step = await first.PasswordAsync(user.UserName, user.Password);
            app.Time.Advance(TimeSpan.FromSeconds(30));
            var code = app.TotpNow(key);
            Assert.Equal("/", (await first.CodeAsync(step, code)).Path);

            using var replay = app.NewSession();
            var again = await replay.PasswordAsync(user.UserName, user.Password);
            var refused = await replay.CodeAsync(again, code);
            Assert.Equal("/Account/SignInMfa", refused.Path);
            Assert.Equal("The code is not right or was already used. Enter the current code.", refused.FieldError("Input_Code"));
        }

        using var session = app.NewSession();
        app.Time.Advance(TimeSpan.FromMinutes(5));
        var page = await session.PasswordAsync(user.UserName, user.Password);
        var twoStepsOld = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(app.Time.GetUtcNow().UtcDateTime.AddSeconds(-60));
        page = await session.CodeAsync(page, twoStepsOld);
        Assert.Equal("/Account/SignInMfa", page.Path);
        var oneStepOld = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(app.Time.GetUtcNow().UtcDateTime.AddSeconds(-30));
        Assert.Equal("/", (await session.CodeAsync(page, oneStepOld)).Path);
    }

    [Fact]
    public async Task The_second_step_cannot_be_reached_without_the_first()
    {
        using var session = app.NewSession();
        var page = await session.GetAsync("/Account/SignInMfa");
        Assert.Equal("/Account/SignIn", page.Path);
    }

    [Fact]
    public async Task A_temporary_password_signs_in_for_72_hours_and_then_only_says_it_expired_to_whoever_knows_it()
    {
        var user = await NewSquadUser(withAuthenticator: false, mustChangePassword: true);
        Task IssuedAsync(TimeSpan ago) => app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TemporaryPasswordIssuedAt, app.Time.GetUtcNow() - ago)));
        const string Failed = "The account name or password is not right, or the account cannot sign in now.";

        await IssuedAsync(TimeSpan.FromHours(73));
        using (var late = app.NewSession())
        {
            // The wrong password learns nothing new; the right one is told that it expired, and nothing opens.
            var wrong = await late.PasswordAsync(user.UserName, "Not-The-Temporary-Password-1");
            Assert.Equal([Failed], wrong.Errors);
            var expired = await late.PasswordAsync(user.UserName, user.Password);
            Assert.Equal("/Account/SignIn", expired.Path);
            Assert.Equal(["This temporary password has expired. Ask your administrator or the person responsible for accounts in your institution for a new one."],
                expired.Errors);
            Assert.Equal("/Account/SignIn", (await late.GetAsync("/Account/ChangePassword")).Path);
        }
        Assert.Equal(2, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .CountAsync(e => e.ActorUserId == user.Id && e.Action == PlatformAudit.SignInFailed.Code)));

        await IssuedAsync(TimeSpan.FromHours(71));
        using var inTime = app.NewSession();
        Assert.Equal("/Account/ChangePassword", (await inTime.PasswordAsync(user.UserName, user.Password)).Path);
    }

    [Fact]
    public async Task A_new_user_changes_the_temporary_password_enrols_an_authenticator_and_gets_recovery_codes()
    {
        var user = await NewSquadUser(withAuthenticator: false, mustChangePassword: true);
        using var session = app.NewSession();

        var page = await session.PasswordAsync(user.UserName, user.Password);
        Assert.Equal("/Account/ChangePassword", page.Path);
        Assert.Equal("/Account/ChangePassword", (await session.GetAsync("/")).Path); // nothing else opens yet

        var mismatch = await session.SubmitAsync(page, "form.app-form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "Another-Strong-Pass-42!",
            ["Input.ConfirmPassword"] = "different",
        });
        Assert.Equal("The two new passwords differ.", mismatch.FieldError("Input_ConfirmPassword"));
        Assert.Contains("The two new passwords differ.", mismatch.Errors);

        var weak = await session.SubmitAsync(mismatch, "form.app-form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        Assert.Contains("Use at least 15 characters.", weak.FieldError("Input_NewPassword"), StringComparison.Ordinal);

        // Length, not composition: a common password dressed up, a context word, and the user's own name are refused.
        foreach (var (guess, message) in new[]
        {
            ("P@ssw0rd123456789!", "most common"), ("qwertyuiopasdfgh", "most common"),
            ("my-ariadne-account-2026", "name of this system"), ($"{user.UserName}-long-enough", "your user name"),
        })
        {
            weak = await session.SubmitAsync(weak, "form.app-form", new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = user.Password,
                ["Input.NewPassword"] = guess,
                ["Input.ConfirmPassword"] = guess,
            });
            Assert.Contains(message, weak.FieldError("Input_NewPassword"), StringComparison.Ordinal);
        }

        var setup = await session.SubmitAsync(weak, "form.app-form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "Another-Strong-Pass-42!",
            ["Input.ConfirmPassword"] = "Another-Strong-Pass-42!",
        });
        Assert.Equal("/Account/Mfa/Setup", setup.Path);
        Assert.Equal("/Account/Mfa/Setup", (await session.GetAsync("/")).Path);
        setup = await session.GetAsync("/Account/Mfa/Setup");
        Assert.NotNull(setup.Document.QuerySelector("figure.app-qr svg"));
        var key = setup.Document.QuerySelector("[data-shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

        var wrong = await session.CodeAsync(setup, "000000");
        Assert.Equal("The code is not right. Check the time on your phone and enter the current code.", wrong.FieldError("Input_Code"));

        var codes = await session.CodeAsync(wrong, app.TotpNow(key));
        Assert.Equal("/Account/Mfa/RecoveryCodes", codes.Path);
        var recovery = codes.Document.QuerySelectorAll("[data-recovery-codes] code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, recovery.Count);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).Status);
        Assert.Equal("/", (await session.GetAsync("/")).Path);

        // Recovery codes are kept only as hashes.
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().UserTokens
            .Where(t => t.UserId == user.Id && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync());
        Assert.All(recovery, code => Assert.DoesNotContain(code, stored!, StringComparison.OrdinalIgnoreCase));

        // A recovery code signs in once.
        using var later = app.NewSession();
        var mfa = await later.PasswordAsync(user.UserName, "Another-Strong-Pass-42!");
        var recoveryPage = await later.GetAsync("/Account/SignInMfa?recovery=true");
        Assert.Equal("/", (await later.CodeAsync(recoveryPage, recovery[0])).Path);
        using var reuse = app.NewSession();
        await reuse.PasswordAsync(user.UserName, "Another-Strong-Pass-42!");
        var reusePage = await reuse.GetAsync("/Account/SignInMfa?recovery=true");
        var refused = await reuse.CodeAsync(reusePage, recovery[0]);
        Assert.Equal("The recovery code is not right or was already used.", refused.FieldError("Input_Code"));

        // The others still do: using one leaves the rest as they were (Identity's own redemption hashed them again).
        using var second = app.NewSession();
        await second.PasswordAsync(user.UserName, "Another-Strong-Pass-42!");
        Assert.Equal("/", (await second.CodeAsync(await second.GetAsync("/Account/SignInMfa?recovery=true"), recovery[9].ToLowerInvariant())).Path);
        // Stored as "v2;ROUNDS;SALT;" and the eight hashes left: a random 128-bit salt and the configured rounds (ASVS 6.5.2).
        var left = (await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().UserTokens.AsNoTracking()
            .Where(t => t.UserId == user.Id && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync()))!.Split(';');
        Assert.Equal(["v2", "10000"], left[..2]);
        Assert.Matches("^[0-9A-F]{32}$", left[2]);
        Assert.Equal(8, left.Length - 3);
        Assert.Equal(8, await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            return await users.CountRecoveryCodesAsync((await users.FindByIdAsync(user.Id.ToString()))!);
        }));
    }

    [Fact]
    public async Task Recovery_codes_stored_in_the_first_format_still_sign_in_once_each_until_replaced()
    {
        var user = await NewSquadUser();
        var codes = new[] { "AAAAA-BBBBB", "CCCCC-DDDDD", "EEEEE-FFFFF" };
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var account = await db.Users.SingleAsync(u => u.Id == user.Id);
            db.UserTokens.Add(new IdentityUserToken<Guid>
            {
                UserId = user.Id,
                LoginProvider = "[AspNetUserStore]",
                Name = "RecoveryCodes",
                Value = string.Join(';', codes.Select(c => Ariadne.Web.Platform.Security.HashedRecoveryCodeStore.Hash(account, c))),
            });
            await db.SaveChangesAsync();
        });
        foreach (var (code, expected) in new[] { (codes[1], "/"), (codes[1], "/Account/SignInMfa"), (codes[0], "/"), (codes[2], "/") })
        {
            using var session = app.NewSession();
            await session.PasswordAsync(user.UserName, user.Password);
            Assert.Equal(expected, (await session.CodeAsync(await session.GetAsync("/Account/SignInMfa?recovery=true"), code)).Path);
        }
    }

    [Fact]
    public async Task Reopening_the_enrolment_page_keeps_the_key_until_it_is_confirmed()
    {
        // A browser's stray request for /favicon.ico once re-ran enrolment and silently changed the key.
        var user = await NewSquadUser(withAuthenticator: false);
        using var session = app.NewSession();
        var first = await session.PasswordAsync(user.UserName, user.Password);
        Assert.Equal("/Account/Mfa/Setup", first.Path);
        var key = first.Document.QuerySelector("[data-shared-key]")!.TextContent;
        await session.GetAsync("/favicon.ico");
        var again = await session.GetAsync("/Account/Mfa/Setup");
        Assert.Equal(key, again.Document.QuerySelector("[data-shared-key]")!.TextContent);
        var done = await session.CodeAsync(again, app.TotpNow(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
        Assert.Equal("/Account/Mfa/RecoveryCodes", done.Path);
    }

    [Fact]
    public async Task A_new_authenticator_replaces_the_old_one_only_once_confirmed()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        var setup = await session.GetAsync("/Account/Mfa/Setup");
        var newKey = setup.Document.QuerySelector("[data-shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.NotEqual(user.AuthenticatorKey, newKey);

        // Not confirmed yet: the old authenticator still signs in.
        using (var other = app.NewSession())
            Assert.Equal("/", (await other.SignInAsync(app, user)).Path);

        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("/Account/Mfa/RecoveryCodes", (await session.CodeAsync(setup, app.TotpNow(newKey))).Path);

        using var after = app.NewSession();
        var step = await after.PasswordAsync(user.UserName, user.Password);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("/Account/SignInMfa", (await after.CodeAsync(step, app.TotpNow(user.AuthenticatorKey!))).Path);
        Assert.Equal("/", (await after.CodeAsync(step, app.TotpNow(newKey))).Path);
    }

    [Fact]
    public async Task A_session_ends_after_fifteen_idle_minutes()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        app.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal("/", (await session.GetAsync("/")).Path);
        app.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal("/Account/SignIn", (await session.GetAsync("/")).Path);
    }

    [Fact]
    public async Task A_session_ends_after_eight_hours_however_active()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        for (var minutes = 0; minutes < 7 * 60 + 50; minutes += 10)
        {
            app.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal("/", (await session.GetAsync("/")).Path);
        }
        app.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal("/Account/SignIn", (await session.GetAsync("/")).Path);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session_at_once()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        Assert.Equal("/", (await session.GetAsync("/")).Path);

        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            var account = (await users.FindByIdAsync(user.Id.ToString()))!;
            account.IsDisabled = true;
            await users.UpdateAsync(account);
        });
        Assert.Equal("/Account/SignIn", (await session.GetAsync("/")).Path);
        var again = await session.PasswordAsync(user.UserName, user.Password);
        Assert.Equal("/Account/SignIn", again.Path);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        var home = await session.SignInAsync(app, user);
        var signedOut = await session.SubmitAsync(home, "form[action='/Account/SignOut']");
        Assert.Equal("/Account/SignIn", signedOut.Path);
        Assert.Contains("You have signed out.", signedOut.Text, StringComparison.Ordinal);
        Assert.Equal("/Account/SignIn", (await session.GetAsync("/")).Path);
    }

    [Fact]
    public async Task Sign_in_logs_carry_no_account_name()
    {
        var marker = "leak" + Guid.NewGuid().ToString("N")[..8];
        using var session = app.NewSession();
        await session.PasswordAsync(marker, "Whatever-Password-1!");
        var records = app.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 1001);
        Assert.DoesNotContain(records, r => r.Message.Contains(marker, StringComparison.Ordinal)
            || (r.StructuredState?.Any(kv => kv.Value?.Contains(marker, StringComparison.Ordinal) == true) ?? false));
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address()
    {
        await using var limited = new AriadneApp(app.Provider).With("Security:SignInAttemptsPerMinute", "3");
        await limited.InitializeAsync();
        using var session = limited.NewSession();
        WebSession.Page? last = null;
        for (var i = 0; i < 4; i++)
            last = await session.PasswordAsync("someone", "Wrong-Password-123!");
        Assert.Equal("/Account/TooManyAttempts", last!.Path);
        Assert.Equal(HttpStatusCode.TooManyRequests, last.Status);
        Assert.Contains("Too many sign-in attempts", last.Text, StringComparison.Ordinal);
        Assert.Contains(limited.Logs.GetSnapshot(), r => r.Id.Id == 1019 && r.Message.Contains("/Account/SignIn", StringComparison.Ordinal));
    }

    /// <summary>Counts password verifications: the work that makes a sign-in answer slow.</summary>
    private sealed class CountingHasher(IPasswordHasher<AriadneUser> inner) : IPasswordHasher<AriadneUser>
    {
        private int verifications;
        public int Verifications => Volatile.Read(ref verifications);
        public void Reset() => Volatile.Write(ref verifications, 0);
        public string HashPassword(AriadneUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AriadneUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task A_locked_disabled_or_unknown_account_costs_one_password_check_like_a_wrong_password()
    {
        CountingHasher? counter = null;
        await using var counted = new AriadneApp(app.Provider).WithServices(s => s.AddSingleton<IPasswordHasher<AriadneUser>>(sp =>
            counter = new CountingHasher(new PasswordHasher<AriadneUser>(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PasswordHasherOptions>>()))));
        await counted.InitializeAsync();
        var user = await counted.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        var disabled = await counted.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        await counted.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == disabled.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));
        using var session = counted.NewSession();
        async Task<int> ChecksOfAsync(string name, string password)
        {
            counter!.Reset();
            await session.PasswordAsync(name, password);
            return counter.Verifications;
        }

        Assert.Equal(1, await ChecksOfAsync(user.UserName, "Wrong-Password-123!"));
        Assert.Equal(1, await ChecksOfAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], "Wrong-Password-123!"));
        Assert.Equal(1, await ChecksOfAsync(disabled.UserName, disabled.Password));
        for (var i = 0; i < 4; i++)
            await session.PasswordAsync(user.UserName, "Wrong-Password-123!");
        Assert.NotNull(await counted.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
        Assert.Equal(1, await ChecksOfAsync(user.UserName, user.Password)); // locked: refused before the check, and the time spent all the same
    }

    [Fact]
    public async Task A_post_without_its_antiforgery_token_is_refused_and_logged_by_its_route_only()
    {
        var marker = "csrf" + Guid.NewGuid().ToString("N")[..8];
        using var session = app.NewSession();
        await session.GetAsync("/Account/SignIn");
        var forged = await session.Client.PostAsync("/Account/SignIn",
            new FormUrlEncodedContent([new("Input.UserName", marker), new("Input.Password", "Whatever-Password-1!")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var records = app.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 1017 && r.Message.Contains("POST to Account/SignIn", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Message.Contains(marker, StringComparison.Ordinal));
    }
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
