using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkHub.Host.Demo;
using NetworkHub.IntegrationSpecs.Hub;
using NetworkHub.LiveConsole.Access;
using static Microsoft.Playwright.Assertions;
using static NetworkHub.IntegrationSpecs.Console.ConsolePage;

namespace NetworkHub.IntegrationSpecs.Console;

/// <summary>The quick start (<c>--demo</c>) as a newcomer meets it: the console's views come alive within a minute.</summary>
public sealed class DemoConsoleSpecs(Browser browser) : IClassFixture<Browser>
{
    private const string User = "nieuwkomer";
    private const string Password = "demo-spec-password";

    /// <summary>A minute for the demo to get there, and some slack for a loaded machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions WithinAMinute = new() { Timeout = 90_000 };

    [Fact]
    public async Task The_demo_shows_every_view_alive_within_a_minute()
    {
        var dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "networkhub-specs", $"demo-{Guid.NewGuid():N}"[..17])).FullName;
        await using var hub = await InProcessHub.StartAsync(["--demo", $"--NetworkHub:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]);
        hub.Services.GetRequiredService<LocalAccounts>().Add(User, ConsoleRoles.Operator, ConsoleRoles.OperationsTeam, Password);
        var page = await browser.OpenAsync(hub.Address);
        await SignInAsync(page, User, Password);

        await Expect(page.GetByText("Sociaal Wijkteam Noord: acknowledged").First).ToBeVisibleAsync(WithinAMinute);
        await Expect(page.GetByText("Sociaal Wijkteam Noord: returned · NH019").First).ToBeVisibleAsync(WithinAMinute);
        await Expect(page.GetByText("quarantined · NH004 UnknownRecipient").First).ToBeVisibleAsync(WithinAMinute);
        await Expect(page.GetByText("JGZ IJsselland: overdue").First).ToBeVisibleAsync(WithinAMinute);
        await ScreenshotAsync(page, "feed");

        await OpenViewAsync(page, "Attention list", "Attention list");
        await Expect(AlertRow(page, "Overdue acknowledgement").Filter(new() { HasText = "JGZ IJsselland" }).First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "attention");

        await OpenViewAsync(page, "Partners", "Partners");
        await Expect(page.Locator("#partners-table tbody tr").Filter(new() { HasText = "JGZ IJsselland" })).ToContainTextAsync("silent");
        await Expect(page.Locator("#partners-table tbody tr").Filter(new() { HasText = "Basisschool De Regenboog" })).Not.ToContainTextAsync("silent");
        await ScreenshotAsync(page, "partners");

        await OpenViewAsync(page, "Hand-overs", "Hand-overs");
        var trace = page.Locator("#handovers-query");
        await trace.GetByLabel("Origin").SelectOptionAsync(DemoNetwork.VeiligThuis);
        await trace.GetByLabel("Reason").FillAsync("maandoverzicht afschaling");
        await trace.GetByRole(AriaRole.Button, new() { Name = "Trace" }).ClickAsync();
        await Expect(page.Locator("#handovers-table tbody tr").First).ToContainTextAsync("Veilig Thuis IJsselland →");
        await ScreenshotAsync(page, "handovers");

        await OpenViewAsync(page, "Sturingsinformatie", "Sturingsinformatie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#steering-chart svg rect.bar.in-time").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "steering");
    }
}
