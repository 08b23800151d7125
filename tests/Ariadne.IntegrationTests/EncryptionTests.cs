using System.Diagnostics;
using System.Text;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ariadne.IntegrationTests;

/// <summary>Personal data at rest: unreadable without the key ring, re-keyable, erasable — on both databases.</summary>
public abstract class EncryptionTests(string provider)
{
    private static readonly string[] Secrets =
        ["Zülfiyyə", "Qəmbərova", "AZE99887766", "AZE99 887766", "994507776655", "777 66 55", "Nizami küçəsi", "Otel Qafqaz", "Astma", "məcburi əmək", "Psixoloji"];

    [Fact]
    public async Task A_database_dump_alone_reveals_no_name_document_phone_or_address()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await app.NewCaseAsync();
        var dump = await DumpAsync(app);
        Assert.True(dump.Length > 10_000, "the dump is suspiciously small");
        Assert.Contains("cases", dump, StringComparison.Ordinal);
        foreach (var secret in Secrets)
            Assert.DoesNotContain(secret, dump, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ciphertext_moved_to_another_row_or_column_does_not_decrypt()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        var (_, view) = await app.NewCaseAsync();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var c = await db.Cases.Include(x => x.Person).SingleAsync(x => x.Id == view.Id);
            var key = (await sp.GetRequiredService<DataKeys>().UnwrapAsync(c.Person!.DataKeyId))!;
            Assert.Equal("Zülfiyyə", sp.GetRequiredService<PersonVault>().Open(c.Person, key).GivenName);
            c.Person.GivenNameEnc = c.Person.FamilyNameEnc; // swap columns
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => sp.GetRequiredService<PersonVault>().Open(c.Person, key));
        });
    }

    [Fact]
    public async Task Rotating_the_master_key_rewraps_every_data_key_and_leaves_the_data_untouched()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        var (investigator, first) = await app.NewCaseAsync();
        await app.NewCaseAsync(CaseSteps.SampleInput("2"));
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().People.AsNoTracking()
            .OrderBy(p => p.Id).Select(p => p.GivenNameEnc).ToListAsync());
        var oldKey = (await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().DataKeys.Select(k => k.MasterKeyId).Distinct().ToListAsync())).Single();

        var (code, output) = await AuditTrailTests.RunAsync(app, "keys", "rotate");
        Assert.Equal(0, code);
        Assert.Contains("Re-wrapped 2 data key(s)", output, StringComparison.Ordinal);

        var ring = KeyRing.Load(app.KeyRingFile)!;
        Assert.DoesNotContain(oldKey, ring.MasterKeyIds);
        Assert.Equal([ring.ActiveMasterKeyId], await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().DataKeys.Select(k => k.MasterKeyId).Distinct().ToListAsync()));
        var after = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().People.AsNoTracking()
            .OrderBy(p => p.Id).Select(p => p.GivenNameEnc).ToListAsync());
        Assert.Equal(before, after); // the data itself was not re-encrypted

        // A fresh node with the rotated key ring reads the case.
        await using var node = new AriadneApp(provider, migrate: false).SharingDeploymentWith(app);
        await node.InitializeAsync();
        var read = await node.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
            .ReadAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), first.Id, new Ariadne.Web.Platform.Audit.AuditPurpose("test")));
        Assert.Equal("Zülfiyyə", read!.Fields["givenName"]);
    }

    [Fact]
    public async Task Session_keys_are_stored_sealed_by_the_key_ring_and_survive_a_master_key_rotation()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        var (investigator, _) = await app.NewCaseAsync();
        using var session = await app.SessionAsync(investigator);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await session.GetAsync("/Cases")).Status);
        Task<List<string>> StoredAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

        // Stored sealed: no key material in clear, and the row opens only with the ring that sealed it.
        var stored = await StoredAsync();
        Assert.NotEmpty(stored);
        var ring = KeyRing.Load(app.KeyRingFile)!;
        foreach (var xml in stored)
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains($"masterKeyId=\"{ring.ActiveMasterKeyId}\"", xml, StringComparison.Ordinal);
            var sealedPart = System.Xml.Linq.XElement.Parse(xml).Descendants("sealedKey").Single();
            var services = new ServiceCollection();
            services.AddSingleton(ring);
            Assert.Contains("<masterKey", new KeyRingXmlDecryptor(services.BuildServiceProvider()).Decrypt(sealedPart).ToString(), StringComparison.Ordinal);
            var other = new ServiceCollection();
            other.AddSingleton(KeyRing.Create(TimeProvider.System, null));
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new KeyRingXmlDecryptor(other.BuildServiceProvider()).Decrypt(sealedPart));
        }

        // A key stored in clear before sealing existed: still read, and sealed by the next rotation.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var row = await db.DataProtectionKeys.FirstAsync();
            var root = System.Xml.Linq.XElement.Parse(row.Xml!);
            var wrapper = root.Descendants().Single(e => e.Name.LocalName == "encryptedSecret");
            var services = new ServiceCollection();
            services.AddSingleton(ring);
            wrapper.ReplaceWith(new KeyRingXmlDecryptor(services.BuildServiceProvider()).Decrypt(wrapper.Elements().Single()));
            row.Xml = root.ToString();
            await db.SaveChangesAsync();
        });
        Assert.Contains(await StoredAsync(), x => x.Contains("<masterKey", StringComparison.Ordinal));
        await using var fresh = new AriadneApp(provider, migrate: false).SharingDeploymentWith(app).SingleNode(); // disposed last: it shares the ring file
        await fresh.InitializeAsync();
        using (var again = await fresh.SessionAsync(investigator))
            Assert.Equal(System.Net.HttpStatusCode.OK, (await again.GetAsync("/Cases")).Status);

        var (code, _) = await AuditTrailTests.RunAsync(app, "keys", "rotate");
        Assert.Equal(0, code);
        var rotated = KeyRing.Load(app.KeyRingFile)!;
        Assert.DoesNotContain(ring.ActiveMasterKeyId, rotated.MasterKeyIds);
        stored = await StoredAsync();
        Assert.All(stored, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains($"masterKeyId=\"{rotated.ActiveMasterKeyId}\"", xml, StringComparison.Ordinal);
        });

        // A node started with the rotated ring still honours the session cookie made before the rotation.
        await using var node = new AriadneApp(provider, migrate: false).SharingDeploymentWith(app).SingleNode();
        await node.InitializeAsync();
        var client = node.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Cases");
        request.Headers.Add("Cookie", session.Cookies.GetCookieHeader(new Uri("http://localhost/")));
        using var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Erasing_a_person_destroys_their_key_everywhere_and_is_audited()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        var (investigator, view) = await app.NewCaseAsync();
        var viewer = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        Assert.Single(await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().SearchAsync(viewer, "AZE99887766", null)));

        var (code, output) = await AuditTrailTests.RunAsync(app, "person", "erase", view.Number);
        Assert.Equal(0, code);
        Assert.Contains("their data key is destroyed", output, StringComparison.Ordinal);

        var read = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().ReadAsync(viewer, view.Id, new Ariadne.Web.Platform.Audit.AuditPurpose("test")));
        Assert.True(read!.Erased);
        Assert.False(read.Fields.ContainsKey("givenName"));
        Assert.Equal(view.Number, read.Fields["number"]);
        Assert.Empty(await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().SearchAsync(viewer, "AZE99887766", null)));
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .AnyAsync(e => e.Action == CasesAudit.PersonErased && e.CaseId == view.Id)));
        Assert.True((await app.WithScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync())).Intact);
    }

    private async Task<string> DumpAsync(AriadneApp app)
    {
        if (provider == "Sqlite")
        {
            var file = new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
            await using (var connection = new SqliteConnection(app.Database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await command.ExecuteNonQueryAsync();
            }
            var bytes = await File.ReadAllBytesAsync(file);
            return Encoding.UTF8.GetString(bytes) + Encoding.Latin1.GetString(bytes);
        }
        var builder = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString);
        var pgDump = Directory.GetFiles("/usr/lib/postgresql", "pg_dump", SearchOption.AllDirectories).Order().Last();
        var start = new ProcessStartInfo(pgDump, ["-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, builder.Database!])
        {
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var dump = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return dump;
    }
}

public sealed class EncryptionTestsOnSqlite() : EncryptionTests("Sqlite");

public sealed class EncryptionTestsOnPostgres() : EncryptionTests("Postgres");
