using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Breached passwords refused offline (ASVS 6.2.12): the operator builds the filter from a list with the verb, names it in
/// <c>Security:BreachedPasswordsFile</c>, and a new password found in it is refused with its own message.
/// </summary>
public abstract class BreachedPasswordTests(AriadneApp app)
{
    private const string Leaked = "Purple-Elephant-Sings-Quietly-77";
    private const string Fresh = "Granite-Window-Orbits-Slowly-31";

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) =>
        CommandLine.RunAsync(CommandLine.Settings(app.Database.Provider, app.Database.ConnectionString, app.KeyRingFile), args);

    [Fact]
    public async Task A_password_on_the_operators_breach_list_is_refused_by_name_and_one_not_on_it_is_taken()
    {
        var directory = Directory.CreateTempSubdirectory("ariadne-breached-");
        try
        {
            var list = Path.Combine(directory.FullName, "leaked.txt");
            var filter = Path.Combine(directory.FullName, "breached.bloom");
            await File.WriteAllLinesAsync(list, [Leaked, "another-leaked-passphrase-1", "", "and-a-third-one-here-2"]);

            var (built, output) = await RunAsync("passwords", "breached-filter", "--from", list, "--out", filter, "--plain");
            Assert.Equal(0, built);
            Assert.Contains("Breached-password filter written: 3 entries", output, StringComparison.Ordinal);
            Assert.DoesNotContain(Leaked, output, StringComparison.Ordinal);

            // A list in HIBP's form with a line that is not: refused, naming the line only, and nothing written.
            var hashes = Path.Combine(directory.FullName, "hibp.txt");
            await File.WriteAllLinesAsync(hashes, [Convert.ToHexString(System.Security.Cryptography.SHA256.HashData([1]))[..40] + ":12", Leaked]);
            var refusedFilter = Path.Combine(directory.FullName, "refused.bloom");
            var (refused, why) = await RunAsync("passwords", "breached-filter", "--from", hashes, "--out", refusedFilter);
            Assert.Equal(1, refused);
            Assert.Contains("Line 2", why, StringComparison.Ordinal);
            Assert.DoesNotContain(Leaked, why, StringComparison.Ordinal);
            Assert.False(File.Exists(refusedFilter));

            app.Reconfigure("Security:BreachedPasswordsFile", filter);
            try
            {
                var user = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
                using var session = app.NewSession();
                await session.SignInAsync(app, user);
                var form = await session.GetAsync("/Account/ChangePassword");
                var page = await session.SubmitAsync(form, "form.app-form", new Dictionary<string, string>
                {
                    ["Input.CurrentPassword"] = user.Password,
                    ["Input.NewPassword"] = Leaked,
                    ["Input.ConfirmPassword"] = Leaked,
                });
                Assert.Equal("This password appears in lists of passwords leaked from other sites, which attackers try first. Choose another: a few unrelated words work well.",
                    page.FieldError("Input_NewPassword"));
                Assert.Contains(page.FieldError("Input_NewPassword")!, page.Errors);

                var done = await session.SubmitAsync(page, "form.app-form", new Dictionary<string, string>
                {
                    ["Input.CurrentPassword"] = user.Password,
                    ["Input.NewPassword"] = Fresh,
                    ["Input.ConfirmPassword"] = Fresh,
                });
                Assert.Null(done.FieldError("Input_NewPassword"));
                Assert.NotEqual("/Account/ChangePassword", done.Path);
            }
            finally
            {
                app.Reconfigure("Security:BreachedPasswordsFile", null);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_password_holding_a_word_of_the_users_own_institutions_name_is_refused()
    {
        var user = await app.CreateUserAsync(InstitutionKind.ServiceProvider, [RoleCatalog.ServiceProfessional]);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Ariadne.Web.Platform.Data.AriadneDbContext>();
            var institution = await db.Institutions.SingleAsync(i => i.Id == db.Users.Single(u => u.Id == user.Id).InstitutionId);
            institution.Name = "Gəncə «Ümid» Regional Crisis Centre";
            await db.SaveChangesAsync();
        });
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        var form = await session.GetAsync("/Account/ChangePassword");
        foreach (var guess in new[] { "ümid-is-our-hope-and-the-sea-42", "GƏNCƏ-lighthouse-morning-walk-7" })
        {
            var page = await session.SubmitAsync(form, "form.app-form", new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = user.Password,
                ["Input.NewPassword"] = guess,
                ["Input.ConfirmPassword"] = guess,
            });
            Assert.Equal("Do not use your name, your user name or the name of this system or country in the password.", page.FieldError("Input_NewPassword"));
        }
    }
}

// On SQLite only: the check is in the password validator, before any database write.
public sealed class BreachedPasswordTestsOnSqlite(SqliteApp app) : BreachedPasswordTests(app), IClassFixture<SqliteApp>;
