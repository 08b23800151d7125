using Ariadne.Web.Platform.Security;

namespace Ariadne.Tests;

/// <summary>Cheap checks on the code itself, for rules that no compiler enforces.</summary>
public sealed class CodeRulesTests
{
    [Fact]
    public void No_page_or_view_contains_inline_script_or_style()
    {
        var offenders = RepositoryFiles.WebSources(".cshtml")
            .Where(f =>
            {
                var text = File.ReadAllText(f);
                return text.Contains("<script>", StringComparison.OrdinalIgnoreCase)
                       || text.Contains(" style=\"", StringComparison.OrdinalIgnoreCase)
                       || text.Contains("<style", StringComparison.OrdinalIgnoreCase)
                       || System.Text.RegularExpressions.Regex.IsMatch(text, @"\son[a-z]+=""");
            })
            .Select(Path.GetFileName)
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_content_security_policy_allows_no_inline_code_and_no_framing()
    {
        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_outside_the_platform_spine_bypasses_the_model_or_runs_raw_sql()
    {
        // Raw SQL is allowed only for schema work (migrations, database grants), the audit chains' locks and heads, the audit verifier's reader,
        // the statistics' one GROUP BY over the facts (no personal data; column names from a fixed list, values as parameters), and the
        // "next" keys' sequences and number reservations (NextKeys: names from the class's own constants, values as parameters).
        string[] banned = ["IgnoreQueryFilters", "FromSqlRaw", "ExecuteSqlRaw", "FromSqlInterpolated", "ExecuteSqlInterpolated", "SqlQueryRaw", "ExecuteSql("];
        string[] allowed = ["Migrations", $"Platform{Path.DirectorySeparatorChar}Data{Path.DirectorySeparatorChar}Migrator.cs",
            $"Platform{Path.DirectorySeparatorChar}Data{Path.DirectorySeparatorChar}NextKeys.cs",
            $"Platform{Path.DirectorySeparatorChar}Audit{Path.DirectorySeparatorChar}AuditTrail.cs",
            $"Platform{Path.DirectorySeparatorChar}Audit{Path.DirectorySeparatorChar}AuditChains.cs",
            $"Platform{Path.DirectorySeparatorChar}Audit{Path.DirectorySeparatorChar}AuditVerifier.cs",
            $"Features{Path.DirectorySeparatorChar}Statistics{Path.DirectorySeparatorChar}StatTableQuery.cs"];
        var offenders = RepositoryFiles.WebSources(".cs")
            .Where(f => !allowed.Any(a => f.Contains(a, StringComparison.Ordinal)))
            .Where(f => banned.Any(b => File.ReadAllText(f).Contains(b, StringComparison.Ordinal)))
            .Select(Path.GetFileName)
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_page_model_states_its_authorization()
    {
        var pageModels = typeof(Ariadne.Web.SharedResource).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel)));
        var silent = pageModels.Where(t =>
                !t.IsDefined(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), inherit: true)
                && !t.IsDefined(typeof(Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute), inherit: true))
            .Select(t => t.FullName)
            .ToList();
        Assert.NotEmpty(pageModels);
        Assert.Empty(silent);
    }

    [Fact]
    public void Pages_link_and_redirect_to_pages_by_name_not_by_url_string()
    {
        // A page named in asp-page or RedirectToPage is checked when the app builds its routes, and a test that
        // renders the link fails if the page is renamed or moved; a hand-written "/Cases/Detail?id=..." fails only
        // when a user clicks it. A user's own return URL is the one string allowed, and only through LocalUrls.Safe.
        var separator = Path.DirectorySeparatorChar;
        var stringLink = new System.Text.RegularExpressions.Regex(
            @"\bhref\s*=\s*[""'](/|@(?!(Ariadne\.Web\.Platform\.Ui\.)?LocalUrls\.Safe\())");
        var stringRedirect = new System.Text.RegularExpressions.Regex(@"\b(Local)?Redirect(Permanent)?(PreserveMethod)?\(\s*\$?@?""/");
        var views = RepositoryFiles.WebSources(".cshtml")
            .Where(f => f.Contains($"{separator}Features{separator}", StringComparison.Ordinal))
            .ToList();
        var code = RepositoryFiles.WebSources(".cs").ToList();
        var offenders = views.Where(f => stringLink.IsMatch(File.ReadAllText(f)))
            .Concat(code.Where(f => stringRedirect.IsMatch(File.ReadAllText(f))))
            .Select(f => Path.GetRelativePath(RepositoryFiles.WebProject, f))
            .ToList();
        Assert.NotEmpty(views);
        Assert.NotEmpty(code);
        Assert.True(offenders.Count == 0, "Links or redirects by URL string in: " + string.Join(", ", offenders));
    }

    /// <summary>
    /// A link or redirect by page name that names no page renders an empty href or fails at run time: every
    /// literal page name in asp-page, RedirectToPage, GetPathByPage and the modules' navigation names a page
    /// file under Features (a page moved to another module keeps its URL by its @page route, not its name).
    /// </summary>
    [Fact]
    public void Every_page_named_in_a_link_redirect_or_navigation_entry_exists()
    {
        var features = Path.Combine(RepositoryFiles.WebProject, "Features");
        var pages = Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => File.ReadLines(f).FirstOrDefault()?.StartsWith("@page", StringComparison.Ordinal) == true)
            .Select(f => "/" + Path.GetRelativePath(features, f)[..^".cshtml".Length].Replace(Path.DirectorySeparatorChar, '/'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("/Cases/Detail", pages);
        var named = RepositoryFiles.WebSources(".cshtml", ".cs")
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f),
                    @"asp-page=""(/[^""]+)""|(?:RedirectToPage|GetPathByPage)\((?:[^,()]*,\s*)?""(/[^""]+)""")
                .Select(m => (File: Path.GetFileName(f), Page: m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)))
            .Concat(new Ariadne.Web.Platform.Modules.ModuleCatalog(Ariadne.Web.AriadneModules.All).Navigation.Select(n => (File: "navigation", n.Page)))
            .ToList();
        Assert.NotEmpty(named);
        Assert.Empty(named.Where(n => !pages.Contains(n.Page)).Select(n => $"{n.File}: {n.Page}"));
    }

    // A page model XModel lives in X.cshtml.cs beside its page.
    private static bool Named(string file, string type) =>
        Path.GetFileName(file).Split('.')[0] is var stem && (stem == type || stem + "Model" == type);

    /// <summary>One public type per file, named after it: a reader finds a type by its name (migrations, generated, are exempt).</summary>
    [Fact]
    public void Each_file_holds_one_public_type_named_like_the_file()
    {
        var topLevel = new System.Text.RegularExpressions.Regex(
            @"^public\s+(?:(?:sealed|static|abstract|readonly|partial|record)\s+)*(?:class|record|enum|interface|struct)\s+(\w+)",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        var migrations = Path.DirectorySeparatorChar + "Migrations" + Path.DirectorySeparatorChar;
        var files = RepositoryFiles.WebSources(".cs").Where(f => !f.Contains(migrations, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        var offenders = files
            .Select(f => (File: f, Types: topLevel.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value).ToList()))
            .Where(x => x.Types.Count > 1 || (x.Types.Count == 1 && !Named(x.File, x.Types[0])))
            .Select(x => $"{Path.GetRelativePath(RepositoryFiles.WebProject, x.File)}: {string.Join(", ", x.Types)}")
            .ToList();
        Assert.True(offenders.Count == 0, "Files with several public types, or named for another: " + string.Join("; ", offenders));
    }

    /// <summary>
    /// Cryptographic discovery (ASVS 11.1.3): the source files that name <c>System.Security.Cryptography</c> are exactly those
    /// listed in docs/asvs.md "Code that uses cryptography", so a new use cannot arrive without its line in the inventory.
    /// </summary>
    [Fact]
    public void Every_file_that_uses_cryptography_is_in_the_inventory_and_every_listed_one_still_does()
    {
        var sources = Path.Combine(RepositoryFiles.Root, "src");
        var separator = Path.DirectorySeparatorChar;
        var found = Directory.EnumerateFiles(sources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("System.Security.Cryptography", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(sources, f).Replace(separator, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var doc = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "asvs.md"));
        var start = doc.IndexOf("### Code that uses cryptography (11.1.3)", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/asvs.md has no section \"Code that uses cryptography (11.1.3)\"");
        var end = doc.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
        var listed = System.Text.RegularExpressions.Regex.Matches(doc[start..(end < 0 ? doc.Length : end)], @"^\| `([^`]+\.cs)` \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(found.Count > 30, "the search found too few files: " + found.Count);
        Assert.Equal(found, listed);
    }
}
