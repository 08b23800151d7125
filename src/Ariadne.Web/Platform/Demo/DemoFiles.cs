namespace Ariadne.Web.Platform.Demo;

/// <summary>
/// The demo's own files. With <c>--demo</c> these override every other source of configuration
/// (appsettings.json, environment, command line): the demo never opens the production database, key
/// ring or audit head copy, whatever those say. The demo always runs on SQLite.
/// </summary>
public static class DemoFiles
{
    public const string Database = "data/demo/ariadne-demo.db";
    public const string KeyRing = "data/demo/ariadne-demo-keys.json";
    public const string AuditHead = "data/demo/ariadne-demo-audit-head.json";

    public static void Apply(IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Data.DataServices.SqliteProvider,
            ["ConnectionStrings:Ariadne"] = "Data Source=" + Database,
            ["Crypto:KeyRingFile"] = KeyRing,
            ["Audit:HeadCopyFile"] = AuditHead,
        });
}
