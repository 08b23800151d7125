using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ariadne.IntegrationTests;

/// <summary>The application's PostgreSQL sessions run with the settings it chose for them (DataServices).</summary>
public sealed class PostgresSessionTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task The_applications_sessions_have_jit_off_where_the_server_has_it_on()
    {
        // A session opened with the test's own connection string (no options): the server's setting.
        await using var plain = new NpgsqlConnection(app.Database.ConnectionString);
        await plain.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('jit')", plain);
        Assert.Equal("on", await command.ExecuteScalarAsync());

        var (setting, source) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var row = await db.Database.SqlQueryRaw<string>("SELECT setting || '/' || source AS \"Value\" FROM pg_settings WHERE name = 'jit'").SingleAsync();
            var parts = row.Split('/');
            return (parts[0], parts[1]);
        });
        Assert.Equal(("off", "client"), (setting, source));
    }
}
