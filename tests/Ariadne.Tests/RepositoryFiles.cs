namespace Ariadne.Tests;

/// <summary>Finds the repository's source files, for tests that check the code itself.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "Ariadne.Web");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ariadne.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Ariadne.slnx not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<string> WebSources(params string[] extensions) =>
        Directory.EnumerateFiles(WebProject, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
