using System.Reflection;
using Ariadne.Web;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Modules;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace Ariadne.Tests;

/// <summary>
/// The module seam (docs/architecture.md): Platform never references Features; each module uses only the
/// modules its contract allows; the allowed map has no cycle; every feature namespace belongs to a listed
/// module; every entity is mapped beside itself; audit actions are declared once. The dependency checks read
/// the compiled IL (method bodies included), so a reference hidden in a lambda or a Razor page counts too.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Web = typeof(AriadneModules).Assembly;
    private const string Features = "Ariadne.Web.Features";

    /// <summary>The shell's pages at the root of Features and its shared parts belong to the Home module.</summary>
    private static readonly string[] HomeExtras = [Features + ".Preferences", Features + ".Shared"];

    private static IEnumerable<string> NamespacesOf(AriadneModule module) =>
        module.Name == "Home" ? [$"{Features}.{module.Name}", .. HomeExtras] : [$"{Features}.{module.Name}"];

    /// <summary>Razor compiles pages into AspNetCoreGeneratedDocument, named after their path (Features_Cases_Detail).</summary>
    private static IEnumerable<string> PagePrefixesOf(AriadneModule module) =>
        NamespacesOf(module).Select(ns => ns["Ariadne.Web.".Length..].Replace('.', '_') + "_");

    private static string Describe(NetArchTest.Rules.TestResult result) =>
        string.Join("; ", (result.FailingTypes ?? []).Select(t => t.FullName + (t.Explanation is { Length: > 0 } e ? " (" + e + ")" : "")));

    [Fact]
    public void Platform_never_references_a_feature_or_the_composition_root()
    {
        var result = Types.InAssembly(Web).That().ResideInNamespace("Ariadne.Web.Platform")
            .ShouldNot().HaveDependencyOnAny(Features, typeof(AriadneModules).FullName!).GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Fact]
    public void Each_module_uses_only_the_modules_its_contract_allows()
    {
        var failures = new List<string>();
        foreach (var module in AriadneModules.All)
        {
            var allowed = module.DependsOn.Select(t => AriadneModules.All.Single(m => m.GetType() == t)).Append(module).ToHashSet();
            var forbidden = AriadneModules.All.Where(m => !allowed.Contains(m)).SelectMany(NamespacesOf).ToArray();
            var code = Types.InAssembly(Web).That().ResideInNamespace(NamespacesOf(module).First());
            foreach (var extra in NamespacesOf(module).Skip(1))
                code = code.Or().ResideInNamespace(extra);
            var result = code.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
            if (!result.IsSuccessful)
                failures.Add($"{module.Name}: {Describe(result)}");

            var pages = Types.InAssembly(Web).That().HaveNameStartingWith(PagePrefixesOf(module).First());
            foreach (var extra in PagePrefixesOf(module).Skip(1))
                pages = pages.Or().HaveNameStartingWith(extra);
            var pageResult = pages.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
            if (!pageResult.IsSuccessful)
                failures.Add($"{module.Name} pages: {Describe(pageResult)}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void The_module_map_has_no_cycle_and_lists_only_listed_modules()
    {
        var listed = AriadneModules.All.Select(m => m.GetType()).ToHashSet();
        Assert.All(AriadneModules.All, m => Assert.All(m.DependsOn, d => Assert.Contains(d, listed)));
        // A module may depend only on modules listed before it: the order is a topological order, so no cycle.
        var seen = new HashSet<Type>();
        foreach (var module in AriadneModules.All)
        {
            var later = module.DependsOn.Where(d => !seen.Contains(d)).Select(d => d.Name).ToList();
            Assert.True(later.Count == 0, $"{module.Name} depends on {string.Join(", ", later)}, listed after it (or itself)");
            seen.Add(module.GetType());
        }
    }

    [Fact]
    public void Every_feature_namespace_belongs_to_a_listed_module_whose_class_sits_in_it()
    {
        var owned = AriadneModules.All.SelectMany(NamespacesOf).ToList();
        var orphans = Web.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith(Features + ".", StringComparison.Ordinal))
            .Where(t => !owned.Any(o => t.Namespace == o || t.Namespace!.StartsWith(o + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName).Distinct().ToList();
        Assert.Empty(orphans);
        Assert.All(AriadneModules.All, m => Assert.Equal($"{Features}.{m.Name}", m.GetType().Namespace));
        // And every module class in the assembly is listed by the composition root.
        var modules = Web.GetTypes().Where(t => t.IsSubclassOf(typeof(AriadneModule)) && !t.IsAbstract).ToHashSet();
        Assert.Equal(modules.OrderBy(t => t.Name), AriadneModules.All.Select(m => m.GetType()).OrderBy(t => t.Name));
    }

    [Fact]
    public void Every_audit_action_is_declared_once_and_listed_by_its_module()
    {
        var declared = Web.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(AuditAction))
                .Select(f => (Type: t, Action: (AuditAction)f.GetValue(null)!)))
            .ToList();
        Assert.NotEmpty(declared);
        Assert.Empty(declared.GroupBy(d => d.Action.Code).Where(g => g.Count() > 1).Select(g => g.Key));
        var catalog = new ModuleCatalog(AriadneModules.All);
        Assert.Equal(declared.Select(d => d.Action.Code).Order(StringComparer.Ordinal), catalog.AuditActions.Select(a => a.Code).Order(StringComparer.Ordinal));
        // A module's actions are declared in its own namespace (or the platform's).
        foreach (var module in AriadneModules.All)
            Assert.All(module.AuditActions, a => Assert.Contains(declared.Single(d => d.Action.Code == a.Code).Type.Namespace, NamespacesOf(module)));
    }

    [Fact]
    public void Every_entity_is_mapped_by_a_configuration_beside_it_and_the_context_maps_none_itself()
    {
        // The design-time context (Identity schema v3), as MigrationsTests builds it: EF caches one model per context type.
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        var configurations = Web.GetTypes()
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))
                .Select(i => (Configuration: t, Entity: i.GetGenericArguments()[0])))
            .ToList();
        var ours = db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => t.Assembly == Web).ToList();
        Assert.NotEmpty(ours);
        foreach (var entity in ours)
        {
            var configuration = Assert.Single(configurations, c => c.Entity == entity);
            Assert.Equal(entity.Namespace, configuration.Configuration.Namespace);
        }
        // The context itself names no module's entity: its own sets are the platform's.
        var setTypes = typeof(AriadneDbContext).GetProperties().Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0]).Where(t => t.Assembly == Web);
        Assert.All(setTypes, t => Assert.StartsWith("Ariadne.Web.Platform", t.Namespace, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_ciphertext_column_is_declared_encrypted_in_its_mapping()
    {
        // The design-time context (Identity schema v3), as MigrationsTests builds it: EF caches one model per context type.
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        var properties = db.Model.GetEntityTypes().Where(e => e.ClrType.Assembly == Web).SelectMany(e => e.GetProperties()).ToList();
        var ciphertexts = properties.Where(p => p.ClrType == typeof(byte[]) && p.Name.EndsWith("Enc", StringComparison.Ordinal)).ToList();
        Assert.True(ciphertexts.Count >= 20, $"only {ciphertexts.Count} ciphertext columns found");
        Assert.Empty(ciphertexts.Where(p => p.FindAnnotation(Ariadne.Web.Platform.Crypto.EncryptedFields.Annotation)?.Value is not true)
            .Select(p => p.DeclaringType.ClrType.Name + "." + p.Name));
        Assert.Empty(properties.Where(p => p.FindAnnotation(Ariadne.Web.Platform.Crypto.EncryptedFields.Annotation) is not null && p.ClrType != typeof(byte[]))
            .Select(p => p.DeclaringType.ClrType.Name + "." + p.Name));
    }

    /// <summary>Fields are sealed and opened by naming the property (EncryptedFields), never by spelling out a table and column.</summary>
    [Fact]
    public void Only_the_crypto_platform_calls_the_field_cipher()
    {
        var crypto = Path.Combine("Platform", "Crypto") + Path.DirectorySeparatorChar;
        var offenders = RepositoryFiles.WebSources(".cs")
            .Where(f => !Path.GetRelativePath(RepositoryFiles.WebProject, f).StartsWith(crypto, StringComparison.Ordinal))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"FieldCipher\.(Encrypt|Decrypt)"))
            .Select(f => Path.GetRelativePath(RepositoryFiles.WebProject, f))
            .ToList();
        Assert.Empty(offenders);
    }
}
