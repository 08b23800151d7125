using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>The application's PostgreSQL sessions run with the settings it chose for them (DataServices).</summary>
public sealed class PostgresSessionTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task The_applications_sessions_have_jit_off_where_the_server_has_it_on()
    {
        var (server, session) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var session = await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync();
            var server = await db.Database.SqlQueryRaw<string>("SELECT boot_val AS \"Value\" FROM pg_settings WHERE name = 'jit'").SingleAsync();
            return (server, session);
        });
        Assert.Equal("on", server);
        Assert.Equal("off", session);
    }
}
