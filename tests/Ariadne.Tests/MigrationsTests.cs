using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ariadne.Tests;

/// <summary>Migrations hygiene: each provider's model matches its last migration, and both providers migrate in the same named steps.</summary>
public sealed class MigrationsTests
{
    // The contexts `dotnet ef migrations add` builds (Identity's schema version included). HasPendingModelChanges
    // compares the model with the migrations' snapshot; it opens no connection.
    private static SqliteAriadneDbContext Sqlite() => new SqliteDesignTimeFactory().CreateDbContext([]);

    private static PostgresAriadneDbContext Postgres() => new PostgresDesignTimeFactory().CreateDbContext([]);

    [Fact]
    public void The_sqlite_model_has_no_change_without_a_migration()
    {
        using var db = Sqlite();
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <WhatItAdds> --context SqliteAriadneDbContext --output-dir Platform/Data/Migrations/Sqlite");
    }

    [Fact]
    public void The_postgres_model_has_no_change_without_a_migration()
    {
        using var db = Postgres();
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <WhatItAdds> --context PostgresAriadneDbContext --output-dir Platform/Data/Migrations/Postgres");
    }

    [Fact]
    public void Both_providers_migrate_in_the_same_steps_each_named_for_what_it_adds()
    {
        using var sqlite = Sqlite();
        using var postgres = Postgres();
        static List<string> Names(DbContext db) =>
            db.GetService<IMigrationsAssembly>().Migrations.Keys.Select(id => id[(id.IndexOf('_') + 1)..]).ToList();
        var names = Names(sqlite);
        Assert.Equal(names, Names(postgres));
        string[] vague = ["Update", "Changes", "Fix", "Migration", "Misc", "Temp", "Test"];
        Assert.All(names, n => Assert.DoesNotContain(n, vague));
        Assert.All(names, n => Assert.Matches("^[A-Z][A-Za-z0-9]+$", n));
    }
}
