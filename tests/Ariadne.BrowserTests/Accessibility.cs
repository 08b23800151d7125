using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>axe-core on the page as it is now: every rule, WCAG 2.2 A/AA and best practice. Zero violations.</summary>
/// <remarks>
/// The rules and the engine are those of Deque.AxeCore.Playwright's <c>RunAxe()</c> (the axe-core it bundles, its default
/// options: every rule axe enables by default), run as <c>axe.run</c> in the page itself. <c>RunAxe()</c> sends the 600 kB
/// engine to the page on every call, then opens a second browser context and page to send it there again and merge the
/// results, and carries every passing node back as JSON: most of a browser test's time went there. Here the engine is
/// sent once per loaded document, and only the violations (every node of each) and the number of passed rules come back
/// (axe's <c>resultTypes</c> option: the violations are found and reported in full; passed rules are counted, their
/// nodes not described).
/// </remarks>
public static class Accessibility
{
    private static readonly string Engine = new BundledAxeScriptProvider().GetScript();

    private const string Run = """
        async () => {
          const result = await window.axe.run(document, { resultTypes: ['violations'] });
          return {
            passes: result.passes.length,
            violations: result.violations.map(v => `${v.id} (${v.impact}) on ${location.href}: ${v.nodes.map(n => JSON.stringify(n.target)).join(' | ')}`),
          };
        }
        """;

    private sealed class Outcome
    {
        public int Passes { get; set; }
        public string[] Violations { get; set; } = [];
    }

    public static async Task AssertNoViolationsAsync(this IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"))
            await page.EvaluateAsync("() => {\n" + Engine + "\n}");
        var result = await page.EvaluateAsync<Outcome>(Run);
        Assert.True(result.Passes > 10, "axe ran too few rules; it may not have run at all");
        // In full: xunit shortens a collection's items in Assert.Empty's message, which would cut off where the violation is.
        Assert.True(result.Violations.Length == 0, "axe found violations:\n" + string.Join("\n", result.Violations));
    }
}
