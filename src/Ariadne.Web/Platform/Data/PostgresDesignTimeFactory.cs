using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ariadne.Web.Platform.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAriadneDbContext>
{
    public PostgresAriadneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAriadneDbContext>().UseNpgsql("Host=localhost;Database=design").UseApplicationServiceProvider(DesignTime.Services).Options);
}
