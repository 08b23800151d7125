using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ariadne.Benchmarks;

/// <summary>Ariadne on a real Kestrel listener (127.0.0.1) over the benchmark database.</summary>
public sealed class BenchHost(string provider, string connection, string keyRing, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Ariadne", connection);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Crypto:KeyRingFile", keyRing);
        builder.UseSetting("Crypto:CreateIfMissing", "true");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.ClearProviders());
        builder.ConfigureTestServices(s => s.AddSingleton(new DemoMode(false)));
    }
}
