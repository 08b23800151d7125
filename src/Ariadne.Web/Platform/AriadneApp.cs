using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Localization;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform;

/// <summary>Composition of the whole application: one AddX/UseX per concern.</summary>
public static class AriadneApp
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static void AddAriadne(this WebApplicationBuilder builder, bool demo, IReadOnlyList<Modules.AriadneModule> modules)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        if (demo)
            DemoFiles.Apply(configuration); // last source: overrides appsettings.json, environment and command line

        builder.Logging.ClearProviders();
        // Each line says when, in UTC to the millisecond (ASVS 16.2.2); the nodes' clocks are kept by NTP (docs/operations.md).
        builder.Logging.AddJsonConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.EnableRedaction();
        services.AddRedaction(r => r.SetRedactor<ErasingRedactor>(new DataClassificationSet(AriadneTaxonomy.PersonalData)));

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });

        services.AddSingleton(new DemoMode(demo));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<Ui.UiOptions>().Bind(configuration.GetSection("Ui"))
            .Validate(o => TryZone(o.TimeZone), "Ui:TimeZone is not a known time zone (an IANA id such as Asia/Baku).").ValidateOnStart();
        services.AddScoped<Ui.UiTime>();
        services.AddAriadneData();
        services.AddAriadneSecurity(configuration);
        services.AddAriadneLocalization();
        services.Configure<Crypto.CryptoOptions>(configuration.GetSection("Crypto"));
        services.Configure<Audit.AuditOptions>(configuration.GetSection("Audit"));
        services.AddSingleton(Crypto.KeyRingProvider.Resolve);
        services.AddSingleton<Crypto.BlindIndex>();
        services.AddScoped<Crypto.DataKeys>();
        services.Configure<Backup.BackupOptions>(configuration.GetSection(Backup.BackupOptions.Section));
        services.AddSingleton<Backup.ErasureList>();
        services.AddSingleton<Cli.OperatorConsole>();
        services.AddScoped<Backup.DatabaseBackup>();
        services.AddScoped<Backup.DatabaseRestore>();
        services.AddSingleton<Audit.AuditChainHolds>();
        services.AddSingleton<Audit.AuditCommitInterceptor>();
        services.AddScoped<Audit.AuditTrail>();
        services.AddScoped<Audit.AuditedWrites>();
        services.AddScoped<Audit.AuditVerifier>();
        services.AddScoped<Audit.AuditCheckpoints>();
        services.AddScoped<Jobs.JobLeases>();
        services.AddHostedService<Audit.CheckpointJob>();
        services.AddHostedService<Api.ApiTokenExpiryJob>();
        services.AddSingleton<Cluster.NodeSignals>();
        services.AddHostedService<Cluster.PostgresSignalBridge>();
        services.AddScoped<Access.CaseAccess>();
        // The capabilities: each module registers its own services, options, jobs and policies.
        var catalog = new Modules.ModuleCatalog(modules);
        services.AddSingleton(catalog);
        foreach (var module in modules)
            module.AddServices(services, configuration);
        services.AddAuthorization(o =>
        {
            foreach (var module in modules)
                module.AddPolicies(o);
        });
        services.AddScoped<Migrator>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Cli.BootstrapAccount>();
        // First of all hosted services: the framework's own (the key ring loader) need the migrated database.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StartupTasks>());

        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddMvcOptions(o =>
            {
                o.Filters.Add<Ui.UnknownHandlerFilter>();
                o.Filters.Add<Security.AntiforgeryRefusalLogging>();
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) => LocalizedBindingMessages.Apply(o, factory));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ariadne.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__csrf";
        });
        // Azerbaijani and Cyrillic letters go out as themselves, not as numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Cookies and antiforgery tokens must be readable by every node: the key ring lives in the database.
        // Each key is sealed with the key ring before it is stored (Crypto/KeyRingXmlEncryption): the database alone
        // mints no cookie. New keys are AES-256-GCM (authenticated encryption in one primitive, ASVS 11.3.2).
        services.AddDataProtection().SetApplicationName("Ariadne").PersistKeysToDbContext<AriadneDbContext>()
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
            {
                EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
                ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
            });
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new Crypto.KeyRingXmlEncryptor(sp.GetRequiredService<Crypto.KeyRing>)));
        // Behind a reverse proxy, restore the client's scheme and address: only from the configured proxies, none by default.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(ForwardedProxies.Configure);
        services.AddProblemDetails();
        // Enums by name only: "urgency": 1 and "urgency": "1" are refused, not read as a member's number; and one name
        // only: "OwnHome, Family" is refused, not read as the two or-ed together.
        // A JSON null where the contract says "not null" (e.g. "classes": null for a list) is refused with a 400 naming the
        // field, instead of reaching the code as null (found by FuzzTests: a null list ended in a 500).
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new ExactEnumJsonConverter());
            o.SerializerOptions.RespectNullableAnnotations = true;
        });
        // An unreadable API body throws, so that ApiProblems can name the JSON field that failed.
        services.PostConfigure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiProblems.BadRequestHandler>();
        // The exact enum converter is not one the schema generator knows: it describes enums by their names itself.
        services.AddOpenApi("v1", o => o.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type.IsEnum && schema.Enum is null or { Count: 0 })
            {
                schema.Type = Microsoft.OpenApi.JsonSchemaType.String;
                schema.Enum = [.. Enum.GetNames(type).Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(n))];
            }
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddDbContextCheck<AriadneDbContext>("database", tags: ["ready"]);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
    }

    private static bool TryZone(string id)
    {
        try
        {
            Ui.UiTime.Resolve(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return false;
        }
    }

    public static void UseAriadne(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // First, so that error pages and re-executed status pages answer in the request's language.
        app.UseRequestLocalization();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Status",
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                InvalidDataException => StatusCodes.Status400BadRequest, // form limits exceeded
                _ => StatusCodes.Status500InternalServerError,
            },
            // A request the client got wrong is not a server error: no stack trace in the log.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException or InvalidDataException,
        });
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/Status", "?code={0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseApiProblems();
        app.UseRequestLimits(MaxRequestBodyBytes);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapRazorPages();
        var modules = app.Services.GetRequiredService<Modules.ModuleCatalog>().Modules;
        var v1 = app.MapGroup("/api/v1").RequireAuthorization(Policies.Api).WithTags("v1");
        foreach (var module in modules)
        {
            module.MapApi(v1);
            module.MapEndpoints(app);
        }
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }
}
