using Microsoft.Playwright;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>
/// The machine's own Chromium (Debian's /usr/bin/chromium, or NETWORKHUB_CHROMIUM), driven by Playwright without
/// downloading a browser. One browser per spec class; a fresh context (cookies, storage) per user.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("NETWORKHUB_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: install Debian's chromium package (build/test.sh does) or set NETWORKHUB_CHROMIUM.");
        }

        // Every wait is for something to appear, so a longer limit costs a passing spec nothing; on a loaded two-core
        // machine (broker, database, hub and browser share it) Playwright's five seconds are sometimes not enough.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root, where Chromium's sandbox cannot start
        });
    }

    /// <summary>A new page as a laptop shows it (1366 x 768), in a context of its own.</summary>
    public async Task<IPage> OpenAsync(Uri hub)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = hub.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
