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
    private const string Regisseur = "demo-regisseur";
    private const string PrivacyOfficer = "fg-nieuwkomer";

    /// <summary>A minute for the demo to get there, and some slack for a loaded machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions WithinAMinute = new() { Timeout = 90_000 };

    [Fact]
    public async Task The_demo_shows_every_view_alive_within_a_minute()
    {
        var dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "networkhub-specs", $"demo-{Guid.NewGuid():N}"[..17])).FullName;
        await using var hub = await InProcessHub.StartAsync(["--demo", $"--NetworkHub:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"]);
        hub.Services.GetRequiredService<LocalAccounts>().Add(User, ConsoleRoles.Operator, ConsoleRoles.OperationsTeam, Password);
        hub.Services.GetRequiredService<LocalAccounts>().Add(PrivacyOfficer, ConsoleRoles.PrivacyOfficer, ConsoleRoles.OperationsTeam, Password);
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

        await OpenViewAsync(page, "Quarantine", "Quarantine");
        await page.GetByLabel("At most").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("#quarantine-table tbody tr").Filter(new() { HasText = "NH004" }).First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open quarantined message" }).First.ClickAsync();
        await Expect(page.Locator("#quarantine-fields tbody tr").Filter(new() { HasText = "•••••" }).First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Expect(page.Locator("#quarantine-results tbody tr").First).ToContainTextAsync("returned to the sender");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync(page, "quarantine");

        // The demo family's regisseur: the case with regie, the organisations involved, the first MDO's answers arriving.
        hub.Services.GetRequiredService<LocalAccounts>().Add(Regisseur, ConsoleRoles.Regisseur, DemoNetwork.Wijkteam, Password);
        var regisseur = await browser.OpenAsync(hub.Address);
        await SignInAsync(regisseur, Regisseur, Password);
        await OpenViewAsync(regisseur, "MDO", "MDO");
        await regisseur.Locator("#mdo-cases tbody tr").First.GetByRole(AriaRole.Button).ClickAsync(new() { Timeout = 90_000 });
        await Expect(regisseur.Locator("label.invitee").Filter(new() { HasText = "Stadsbank (schuldhulp)" })).ToContainTextAsync("signalled a parent");
        var mdo = regisseur.Locator("article.mdo").First;
        await Expect(mdo.Locator($"tr[data-invitee='{DemoNetwork.School}']")).ToContainTextAsync("accept", new() { Timeout = 90_000 });
        await Expect(mdo.Locator($"tr[data-invitee='{DemoNetwork.Huisarts}']")).ToContainTextAsync("delegate", new() { Timeout = 90_000 });
        await ScreenshotAsync(regisseur, "mdo");

        // The privacy officer: the school's melding to Veilig Thuis awaits review, and who received data about that child.
        var officer = await browser.OpenAsync(hub.Address);
        await SignInAsync(officer, PrivacyOfficer, Password);
        await OpenViewAsync(officer, "Privacy", "Privacy");
        await Expect(officer.Locator("#review-table tbody tr[data-review]").Filter(new() { HasText = "M-MELDING" }).First).ToBeVisibleAsync(WithinAMinute);
        await officer.Locator("#audit-form").GetByLabel("by a sender's reference").CheckAsync();
        await officer.Locator("#audit-form").GetByLabel("Reference", new() { Exact = true }).FillAsync("demo-kind-0009"); // the demo's first melding
        await officer.Locator("#audit-form select[name=sender]").SelectOptionAsync(new SelectOptionValue { Label = "Basisschool De Regenboog" });
        await officer.Locator("#audit-form").GetByLabel("Reason").FillAsync("Steekproef meldcode-overrides");
        await officer.Locator("#audit-form").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(officer.Locator("#audit-table tbody tr").Filter(new() { HasText = "M-MELDING" })).ToContainTextAsync("Veilig Thuis IJsselland");
        await ScreenshotAsync(officer, "privacy");

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
