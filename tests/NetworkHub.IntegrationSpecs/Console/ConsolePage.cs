using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>The console as a user sees it: signing in, the views, and the screenshots docs/console.md shows.</summary>
public static class ConsolePage
{
    /// <summary>Opens /console, which asks for sign-in, and signs in; returns once the console is live.</summary>
    public static async Task SignInAsync(IPage page, string user, string password = ConsoleNetwork.Password)
    {
        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
        await page.GetByLabel("User").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("live");
    }

    public static async Task OpenViewAsync(IPage page, string link, string heading)
    {
        // The nav's link: links in a view (a feed row's "MDO answer") may carry the same words.
        await page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
    }

    public static ILocator FeedRow(IPage page, string text) => page.Locator("#feed-table tbody tr").Filter(new() { HasText = text });

    public static ILocator AlertRow(IPage page, string text) => page.Locator("#attention-table tbody tr").Filter(new() { HasText = text });

    /// <summary>
    /// A screenshot of the page, kept with the spec's output; with UPDATE_DOCS=1 also written to docs/console/, where
    /// docs/console.md shows it.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var file = $"{name}.png";
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", file) });
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot(), "docs", "console", file) });
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetworkHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No NetworkHub.sln above {AppContext.BaseDirectory}.");
    }
}
