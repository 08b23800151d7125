using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>axe-core on the page as it is now: every rule, WCAG 2.2 A/AA and best practice. Zero violations.</summary>
public static class Accessibility
{
    public static async Task AssertNoViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var violations = result.Violations
            .Select(v => $"{v.Id} ({v.Impact}) on {page.Url}: {string.Join(" | ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ToList();
        Assert.True(result.Passes.Length > 10, "axe ran too few rules; it may not have run at all");
        Assert.Empty(violations);
    }
}
