using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ariadne.Web.Platform.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAriadneDbContext>
{
    public SqliteAriadneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAriadneDbContext>().UseSqlite("Data Source=design.db").UseApplicationServiceProvider(DesignTime.Services).Options);
}
