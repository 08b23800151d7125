using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(Ariadne.IntegrationTests.Infrastructure.LongestFirst))]

namespace Ariadne.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the longest test collections first, so that the run's threads finish together: started late, one of them (the leak
/// test's random world, the crawl of the demo world) ran alone at the end for minutes while the other thread had nothing left.
/// The list is of the longest as measured (`-result-xml`); every other collection follows in xunit's own order.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        "LeakTestsOnSqlite", SqliteDemoWorld.Name, "LeakTestsOnPostgres", "DemoFilesTests", "BackupTestsOnPostgres", "BackupTestsOnSqlite",
        "AuditChainsTestsOnPostgres", "StartupTestsOnPostgres", "StartupTestsOnSqlite", "AuditTrailTestsOnPostgres",
        "AuditTrailTestsOnSqlite", "SweepTestsOnPostgres", "EncryptionTestsOnPostgres", "EncryptionTestsOnSqlite", "FuzzTestsOnPostgres",
    ];

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection =>
        testCollections.Select((collection, index) => (collection, index))
            .OrderBy(c => Rank(c.collection))
            .ThenBy(c => c.index)
            .Select(c => c.collection)
            .ToList();

    private static int Rank(ITestCollection collection)
    {
        var name = collection.TestCollectionDisplayName;
        for (var i = 0; i < Longest.Length; i++)
            if (name == Longest[i] || name.Contains($".{Longest[i]} ", StringComparison.Ordinal))
                return i;
        return Longest.Length;
    }
}
