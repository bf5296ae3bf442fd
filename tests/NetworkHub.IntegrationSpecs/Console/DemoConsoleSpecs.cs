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

        await OpenViewAsync(page, "Network", "Network");
        await Expect(page.Locator($"#network-graph .edge-label[data-edge='{DemoNetwork.School}>{DemoNetwork.Wijkteam}']")).ToContainTextAsync("✓");
        await Expect(page.Locator($"#network-table tbody tr[data-edge='{DemoNetwork.School}>{DemoNetwork.OfflineJgz}'] td.overdue")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "network");

        await OpenViewAsync(page, "Feed", "Feed");
        await FeedRow(page, "JGZ IJsselland: overdue").First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#timeline-steps li").Filter(new() { HasText = "Policy decision for" }).First).ToBeVisibleAsync();
        await Expect(page.Locator("#timeline-steps li").Filter(new() { HasText = "Overdue:" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "timeline");
    }
}
