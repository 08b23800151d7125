using Ariadne.Web.Platform.Data;
using Npgsql;

namespace Ariadne.Tests;

/// <summary>PostgreSQL connections prepare repeated statements unless the operator's connection string decides otherwise.</summary>
public sealed class PreparedStatementsTests
{
    [Fact]
    public void A_connection_string_without_the_setting_gets_automatic_preparation_and_keeps_everything_else()
    {
        var result = new NpgsqlConnectionStringBuilder(
            DataServices.WithPreparedStatements("Host=db.internal;Port=5433;Username=ariadne;Password=p;Database=nrm;Maximum Pool Size=40"));

        Assert.Equal(64, result.MaxAutoPrepare);
        Assert.Equal(2, result.AutoPrepareMinUsages);
        Assert.Equal(("db.internal", 5433, "ariadne", "p", "nrm", 40),
            (result.Host, result.Port, result.Username, result.Password, result.Database, result.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, 2)]
    [InlineData("Host=db;MaxAutoPrepare=10", 10, 2)]
    [InlineData("Host=db;max auto prepare=200;Auto Prepare Min Usages=7", 200, 7)]
    [InlineData("Host=db;AutoPrepareMinUsages=9", 64, 9)]
    public void An_explicit_setting_is_the_operators_and_is_kept(string connection, int max, int min)
    {
        var result = new NpgsqlConnectionStringBuilder(DataServices.WithPreparedStatements(connection));

        Assert.Equal((max, min), (result.MaxAutoPrepare, result.AutoPrepareMinUsages));
        Assert.Equal("db", result.Host);
    }

    [Fact]
    public void Jit_is_turned_off_for_the_sessions_unless_the_connection_string_sets_options()
    {
        var result = new NpgsqlConnectionStringBuilder(DataServices.WithoutJit("Host=db.internal;Username=ariadne;Password=p;Database=nrm"));
        Assert.Equal("-c jit=off", result.Options);
        Assert.Equal(("db.internal", "ariadne", "p", "nrm"), (result.Host, result.Username, result.Password, result.Database));

        Assert.Equal("-c search_path=nrm", new NpgsqlConnectionStringBuilder(DataServices.WithoutJit("Host=db;Options=-c search_path=nrm")).Options);
    }
}
