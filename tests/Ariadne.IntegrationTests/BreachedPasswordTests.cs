using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Breached passwords refused offline (ASVS 6.2.12): the operator builds the filter with the verb and names it in
/// <c>Security:BreachedPasswordsFile</c>; it is read at start (a bad file stops the start), and a new password found in it
/// is refused with its own message. Also the words of the user's institution (6.1.2). On SQLite: the checks are in the
/// password validator, before any write.
/// </summary>
public sealed class BreachedPasswordTests(BreachedPasswordTests.ListApp app) : IClassFixture<BreachedPasswordTests.ListApp>
{
    private const string Leaked = "Purple-Elephant-Sings-Quietly-77";
    private const string Fresh = "Granite-Window-Orbits-Slowly-31";

    /// <summary>The application with a breach list of its own, set before it starts (as an operator's configuration is).</summary>
    public sealed class ListApp : AriadneApp
    {
        private readonly string _filter;

        public ListApp() : this(WriteFilter([Leaked, "another-leaked-passphrase-1"], 0.001))
        {
        }

        private ListApp(string filter) : base("Sqlite") => _filter = filter;

        /// <summary>An application whose breach list answers "yes" at <paramref name="rate"/> for passwords not on it.</summary>
        public static ListApp WithFalsePositives(double rate) =>
            new(WriteFilter(Enumerable.Range(0, 2000).Select(i => $"filler-{i}").ToList(), rate));

        public static string WriteFilter(IReadOnlyList<string> passwords, double rate)
        {
            var path = Path.Combine(Path.GetTempPath(), $"ariadne-breached-{Guid.NewGuid():N}.bloom");
            using var file = File.Create(path);
            BreachedPasswordFilter.Write(file, passwords.Select(BreachedPasswordFilter.Digest), passwords.Count, rate);
            return path;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:BreachedPasswordsFile", _filter);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(_filter);
        }
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) =>
        CommandLine.RunAsync(CommandLine.Settings(app.Database.Provider, app.Database.ConnectionString, app.KeyRingFile), args);

    [Fact]
    public async Task The_verb_builds_a_filter_from_a_list_names_a_bad_line_by_number_only_and_leaves_nothing_half_written()
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
            var written = BreachedPasswordFilter.Read(filter, out _);
            Assert.NotNull(written);
            Assert.True(written.Contains(Leaked));
            Assert.False(written.Contains(Fresh));

            // HIBP's form: a hash, with its count kept or skipped by --min-count; a line that is not one is named by number.
            var hashes = Path.Combine(directory.FullName, "hibp.txt");
            await File.WriteAllLinesAsync(hashes, [Convert.ToHexString(BreachedPasswordFilter.Digest(Leaked)) + ":12", Convert.ToHexString(BreachedPasswordFilter.Digest(Fresh)) + ":3"]);
            var (kept, counted) = await RunAsync("passwords", "breached-filter", "--from", hashes, "--out", filter, "--min-count", "10");
            Assert.Equal(0, kept);
            Assert.Contains("1 entries", counted, StringComparison.Ordinal);
            await File.AppendAllLinesAsync(hashes, [Leaked]);
            var refusedFilter = Path.Combine(directory.FullName, "refused.bloom");
            var (refused, why) = await RunAsync("passwords", "breached-filter", "--from", hashes, "--out", refusedFilter);
            Assert.Equal(1, refused);
            Assert.Contains("Line 3", why, StringComparison.Ordinal);
            Assert.DoesNotContain(Leaked, why, StringComparison.Ordinal);
            Assert.False(File.Exists(refusedFilter));

            // An output that cannot be written: a clear refusal, no exception, no partial file.
            var nowhere = Path.Combine(directory.FullName, "no-such-directory", "breached.bloom");
            var (failed, message) = await RunAsync("passwords", "breached-filter", "--from", list, "--out", nowhere, "--plain");
            Assert.Equal(1, failed);
            Assert.Contains("The filter was not written (DirectoryNotFoundException)", message, StringComparison.Ordinal);
            var (onDirectory, _) = await RunAsync("passwords", "breached-filter", "--from", list, "--out", directory.FullName, "--plain");
            Assert.Equal(1, onDirectory);
            Assert.Empty(Directory.GetFiles(directory.FullName, "*.partial"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_password_on_the_operators_breach_list_is_refused_by_name_and_one_not_on_it_is_taken()
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

    [Fact]
    public async Task A_file_that_is_not_a_filter_stops_the_start_naming_the_setting()
    {
        var notFilter = Path.Combine(Path.GetTempPath(), $"ariadne-not-a-filter-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(notFilter, "password\n123456\n");
        var bad = new ListAppWith(notFilter);
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => bad.CreateClient()));
            Assert.Contains("Security:BreachedPasswordsFile is not a breached-password filter", failure.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await bad.DisposeAsync();
        }
    }

    private sealed class ListAppWith(string file) : AriadneApp("Sqlite")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:BreachedPasswordsFile", file);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Temporary_passwords_are_drawn_again_when_the_breach_list_refuses_one_by_mistake()
    {
        // A list that answers "yes" for about 30 % of passwords not on it: without drawing again, nearly every run of ten
        // resets would fail one (1 - 0.7^10 = 97 %).
        await using var noisy = ListApp.WithFalsePositives(0.3);
        await noisy.InitializeAsync();
        var user = await noisy.CreateUserAsync(InstitutionKind.ServiceProvider, [RoleCatalog.ServiceProfessional]);
        var issued = await noisy.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            var filter = sp.GetRequiredService<BreachedPasswords>().Filter!;
            var passwords = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                var account = (await users.FindByIdAsync(user.Id.ToString()))!;
                passwords.Add(await TemporaryPassword.IssueAsync(users, account, noisy.Time.GetUtcNow()));
            }
            Assert.All(passwords, p => Assert.False(filter.Contains(p)));
            return passwords;
        });
        Assert.Equal(10, issued.Distinct().Count());
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
